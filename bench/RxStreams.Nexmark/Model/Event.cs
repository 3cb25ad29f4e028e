using System;

namespace RxStreams.Nexmark;

/// <summary>Which of the three Nexmark entities an <see cref="Event"/> carries.</summary>
public enum EventKind : byte
{
    /// <summary>A new person.</summary>
    Person = 0,

    /// <summary>A new auction.</summary>
    Auction = 1,

    /// <summary>A bid.</summary>
    Bid = 2,
}

/// <summary>
/// One Nexmark event: a person, an auction or a bid, with its event time. The bid is stored inline (most events are
/// bids, and queries on bids then read the array without following a reference); persons and auctions are objects.
/// </summary>
public readonly struct Event
{
    private readonly object? _entity;

    /// <summary>A person event.</summary>
    /// <param name="person">The new person.</param>
    public Event(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        Kind = EventKind.Person;
        DateTime = person.DateTime;
        _entity = person;
    }

    /// <summary>An auction event.</summary>
    /// <param name="auction">The new auction.</param>
    public Event(Auction auction)
    {
        ArgumentNullException.ThrowIfNull(auction);
        Kind = EventKind.Auction;
        DateTime = auction.DateTime;
        _entity = auction;
    }

    /// <summary>A bid event.</summary>
    /// <param name="bid">The bid.</param>
    public Event(Bid bid)
    {
        Kind = EventKind.Bid;
        DateTime = bid.DateTime;
        Bid = bid;
    }

    /// <summary>What the event carries.</summary>
    public EventKind Kind { get; }

    /// <summary>The event time of the person, auction or bid, milliseconds since the Unix epoch.</summary>
    public long DateTime { get; }

    /// <summary>The bid; <c>default</c> unless <see cref="Kind"/> is <see cref="EventKind.Bid"/>.</summary>
    public Bid Bid { get; }

    /// <summary>The person, or null.</summary>
    public Person? Person => _entity as Person;

    /// <summary>The auction, or null.</summary>
    public Auction? Auction => _entity as Auction;

    /// <summary>The entity's own text form.</summary>
    public override string ToString() => Kind switch
    {
        EventKind.Person => _entity!.ToString()!,
        EventKind.Auction => _entity!.ToString()!,
        _ => Bid.ToString(),
    };
}
