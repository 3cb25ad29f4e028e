using System;
using System.Reactive.Linq;

namespace RxStreams.Nexmark.Queries;

/// <summary>
/// Nexmark q1, currency conversion: every bid with its price converted from dollars to euros, price × 0.908, in
/// integer cents rounded toward zero (<c>price · 908 / 1000</c>, so every version computes exactly the same value).
/// </summary>
public static class Q1CurrencyConversion
{
    /// <summary>The bid with its price in euro cents.</summary>
    /// <param name="bid">The bid in dollars.</param>
    public static Bid ToEuro(Bid bid) => bid with { Price = bid.Price * 908 / 1000 };

    /// <summary>On RxStreams.</summary>
    /// <param name="events">The event-time stream of all events.</param>
    public static IObservable<StreamElement<Bid>> RxStreams(IObservable<StreamElement<Event>> events) =>
        from e in events
        where e.Kind == EventKind.Bid
        select ToEuro(e.Bid);

    /// <summary>In plain Rx.NET.</summary>
    /// <param name="events">All events in arrival order.</param>
    public static IObservable<Bid> PlainRx(IObservable<Event> events) =>
        events.Where(e => e.Kind == EventKind.Bid).Select(e => ToEuro(e.Bid));

    /// <summary>As a hand-written loop over the array.</summary>
    /// <typeparam name="TSink">The sink type.</typeparam>
    /// <param name="events">All events in arrival order.</param>
    /// <param name="sink">Receives the converted bids.</param>
    public static void Loop<TSink>(ReadOnlySpan<Event> events, ref TSink sink)
        where TSink : IResultSink<Bid>
    {
        foreach (ref readonly var e in events)
        {
            if (e.Kind == EventKind.Bid)
            {
                sink.Add(ToEuro(e.Bid));
            }
        }
    }
}
