using System;
using System.Reactive.Linq;

namespace RxStreams.Nexmark.Queries;

/// <summary>
/// Nexmark q0, pass-through: every bid, unchanged (as Flink's Nexmark q0 over the bid stream). Measures the cost of
/// moving an event through the framework.
/// </summary>
public static class Q0PassThrough
{
    /// <summary>On RxStreams: the bids of the event-time stream, each with its event time; watermarks pass through.</summary>
    /// <param name="events">The event-time stream of all events.</param>
    public static IObservable<StreamElement<Bid>> RxStreams(IObservable<StreamElement<Event>> events) =>
        from e in events
        where e.Kind == EventKind.Bid
        select e.Bid;

    /// <summary>In plain Rx.NET.</summary>
    /// <param name="events">All events in arrival order.</param>
    public static IObservable<Bid> PlainRx(IObservable<Event> events) =>
        events.Where(e => e.Kind == EventKind.Bid).Select(e => e.Bid);

    /// <summary>As a hand-written loop over the array.</summary>
    /// <typeparam name="TSink">The sink type.</typeparam>
    /// <param name="events">All events in arrival order.</param>
    /// <param name="sink">Receives the bids.</param>
    public static void Loop<TSink>(ReadOnlySpan<Event> events, ref TSink sink)
        where TSink : IResultSink<Bid>
    {
        foreach (ref readonly var e in events)
        {
            if (e.Kind == EventKind.Bid)
            {
                sink.Add(e.Bid);
            }
        }
    }
}
