using System;
using System.Reactive.Linq;

namespace RxStreams.Nexmark.Queries;

/// <summary>An auction id and a bid's price: the output of q2.</summary>
/// <param name="Auction">The auction.</param>
/// <param name="Price">The bid's price in cents.</param>
public readonly record struct AuctionPrice(long Auction, long Price) : IFingerprint
{
    /// <inheritdoc />
    public long Fingerprint() => Mix.Of(Auction, Price);
}

/// <summary>
/// Nexmark q2, selection: the auction and price of every bid on an auction whose id is a multiple of
/// <see cref="Modulus"/> (123, as in Beam and Flink).
/// </summary>
public static class Q2Selection
{
    /// <summary>Bids on auctions whose id is a multiple of this are selected.</summary>
    public const long Modulus = 123;

    /// <summary>On RxStreams.</summary>
    /// <param name="events">The event-time stream of all events.</param>
    public static IObservable<StreamElement<AuctionPrice>> RxStreams(IObservable<StreamElement<Event>> events) =>
        from e in events
        where e.Kind == EventKind.Bid && e.Bid.Auction % Modulus == 0
        select new AuctionPrice(e.Bid.Auction, e.Bid.Price);

    /// <summary>In plain Rx.NET.</summary>
    /// <param name="events">All events in arrival order.</param>
    public static IObservable<AuctionPrice> PlainRx(IObservable<Event> events) =>
        events
            .Where(e => e.Kind == EventKind.Bid && e.Bid.Auction % Modulus == 0)
            .Select(e => new AuctionPrice(e.Bid.Auction, e.Bid.Price));

    /// <summary>As a hand-written loop over the array.</summary>
    /// <typeparam name="TSink">The sink type.</typeparam>
    /// <param name="events">All events in arrival order.</param>
    /// <param name="sink">Receives the selected bids.</param>
    public static void Loop<TSink>(ReadOnlySpan<Event> events, ref TSink sink)
        where TSink : IResultSink<AuctionPrice>
    {
        foreach (ref readonly var e in events)
        {
            if (e.Kind == EventKind.Bid && e.Bid.Auction % Modulus == 0)
            {
                sink.Add(new AuctionPrice(e.Bid.Auction, e.Bid.Price));
            }
        }
    }
}
