using System;
using System.Reactive.Linq;

namespace RxStreams.Nexmark.Queries;

/// <summary>A new person who also sold in their first window: the output of q8.</summary>
/// <param name="Person">The person's id.</param>
/// <param name="Name">The person's name.</param>
/// <param name="WindowStart">The start of the 10 s window of both the registration and the auction.</param>
public readonly record struct NewSeller(long Person, string Name, long WindowStart) : IFingerprint
{
    /// <inheritdoc />
    public long Fingerprint() => Mix.Of(Person, Mix.Of(Name), WindowStart);
}

/// <summary>
/// Nexmark q8, monitor new users: the persons who registered and created at least one auction in the same 10 s
/// tumbling event-time window (aligned to the epoch), once per person, emitted when the watermark reaches the window's end.
/// </summary>
public static class Q8NewUsers
{
    /// <summary>The window size.</summary>
    public static readonly TimeSpan WindowSize = TimeSpan.FromSeconds(10);

    /// <summary>
    /// On RxStreams: a window join of persons and auctions on the seller's id, then one result per person and window
    /// (a person with several auctions in the window joins several times; <c>Reduce</c> keeps the first).
    /// </summary>
    /// <param name="events">The event-time stream of all events.</param>
    public static IObservable<StreamElement<NewSeller>> RxStreams(IObservable<StreamElement<Event>> events) =>
        events.Publish(shared =>
        {
            var persons = from e in shared
                          where e.Kind == EventKind.Person
                          select e.Person!;
            var auctions = from e in shared
                           where e.Kind == EventKind.Auction
                           select e.Auction!;
            return persons
                .WindowJoin(auctions, person => person.Id, auction => auction.Seller, TumblingEventTimeWindows.Of(WindowSize), (person, _) => person)
                .KeyBy(person => person.Id)
                .Window(TumblingEventTimeWindows.Of(WindowSize))
                .Reduce((first, _) => first)
                .Select(r => new NewSeller(r.Key, r.Value.Name, r.Window.Start));
        });
}
