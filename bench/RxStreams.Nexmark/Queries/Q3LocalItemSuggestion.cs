using System;
using System.Reactive.Linq;

namespace RxStreams.Nexmark.Queries;

/// <summary>A seller and one of their auctions: the output of q3.</summary>
/// <param name="Name">The seller's name.</param>
/// <param name="City">The seller's city.</param>
/// <param name="State">The seller's state.</param>
/// <param name="Auction">The auction's id.</param>
public readonly record struct LocalItem(string Name, string City, string State, long Auction) : IFingerprint
{
    /// <inheritdoc />
    public long Fingerprint() => Mix.Of(Mix.Of(Name), Mix.Of(City), Mix.Of(State), Auction);
}

/// <summary>
/// Nexmark q3, local item suggestion: every auction of category <see cref="Category"/> joined with its seller, for
/// sellers in Oregon, Idaho or California; one result per (person, auction) pair, whichever of the two arrives first.
/// </summary>
/// <remarks>
/// The standard q3 is an unwindowed join: it keeps every person and auction forever. RxStreams expresses it as an
/// interval join on the seller's id whose bounds, ± <see cref="JoinBound"/> (one day), cover any stream shorter than
/// a day of event time (the generator's default rate makes a day 864 M events): within that, it is exactly the
/// unwindowed join. Unlike an unwindowed join it can free state, for persons and auctions more than a day old.
/// </remarks>
public static class Q3LocalItemSuggestion
{
    /// <summary>The category of the auctions suggested.</summary>
    public const long Category = 10;

    /// <summary>How far apart in event time a person and an auction may be to join.</summary>
    public static readonly TimeSpan JoinBound = TimeSpan.FromDays(1);

    /// <summary>On RxStreams: one pass over the events feeds both sides of an interval join.</summary>
    /// <param name="events">The event-time stream of all events.</param>
    public static IObservable<StreamElement<LocalItem>> RxStreams(IObservable<StreamElement<Event>> events) =>
        events.Publish(shared =>
        {
            var sellers = from e in shared
                          where e.Kind == EventKind.Person && e.Person!.State is "OR" or "ID" or "CA"
                          select e.Person!;
            var auctions = from e in shared
                           where e.Kind == EventKind.Auction && e.Auction!.Category == Category
                           select e.Auction!;
            return sellers.IntervalJoin(
                auctions,
                person => person.Id,
                auction => auction.Seller,
                -JoinBound,
                JoinBound,
                (person, auction) => new LocalItem(person.Name, person.City, person.State, auction.Id));
        });
}
