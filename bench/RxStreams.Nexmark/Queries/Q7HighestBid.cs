using System;
using System.Collections.Generic;
using System.Reactive.Linq;
using System.Runtime.InteropServices;

namespace RxStreams.Nexmark.Queries;

/// <summary>The highest bid of a window: the output of q7.</summary>
/// <param name="WindowStart">The window's start (inclusive), ms since the epoch.</param>
/// <param name="WindowEnd">The window's end (exclusive).</param>
/// <param name="Bid">The bid with the highest price in the window; among equal prices, the first to arrive.</param>
public readonly record struct HighestBid(long WindowStart, long WindowEnd, Bid Bid) : IFingerprint
{
    /// <inheritdoc />
    public long Fingerprint() => Mix.Of(WindowStart, WindowEnd, Bid.Fingerprint());
}

/// <summary>
/// Nexmark q7, highest bid: for each 10 s tumbling event-time window (aligned to the epoch), the bid with the highest
/// price; among bids of equal price the first to arrive. A window's result is emitted when the watermark reaches its
/// end. Windows without bids emit nothing.
/// </summary>
public static class Q7HighestBid
{
    /// <summary>The window size.</summary>
    public static readonly TimeSpan WindowSize = TimeSpan.FromSeconds(10);

    /// <summary>On RxStreams: a non-keyed tumbling window with <c>MaxBy</c>.</summary>
    /// <param name="events">The event-time stream of all events.</param>
    public static IObservable<StreamElement<HighestBid>> RxStreams(IObservable<StreamElement<Event>> events)
    {
        var bids = from e in events
                   where e.Kind == EventKind.Bid
                   select e.Bid;
        return bids
            .WindowAll(TumblingEventTimeWindows.Of(WindowSize))
            .MaxBy(bid => bid.Price)
            .Select(r => new HighestBid(r.Window.Start, r.Window.End, r.Value));
    }

    /// <summary>
    /// In plain Rx.NET: <c>GroupByUntil</c> on the window start, each group closed by the first bid whose watermark
    /// (kept with <c>Scan</c>) reaches the window's end, and <c>Aggregate</c> for the maximum.
    /// </summary>
    /// <param name="events">All events in arrival order.</param>
    /// <param name="maxOutOfOrderness">The bound of the watermark, as in the RxStreams version.</param>
    public static IObservable<HighestBid> PlainRx(IObservable<Event> events, TimeSpan maxOutOfOrderness)
    {
        var size = Milliseconds.Of(WindowSize);
        return PlainRxEventTime.BidsWithWatermark(events, Milliseconds.Of(maxOutOfOrderness)).Publish(bids => bids
            .GroupByUntil(
                b => TimeWindow.StartOf(b.Bid.DateTime, 0, size),
                b => b.Bid,
                window => bids.Where(b => b.Watermark >= window.Key + size))
            .SelectMany(window => window
                .Aggregate((best, bid) => bid.Price > best.Price ? bid : best)
                .Select(best => new HighestBid(window.Key, window.Key + size, best))));
    }

    /// <summary>
    /// As a hand-written loop: the best bid per open window in a small dictionary, a watermark as in the other versions,
    /// and windows emitted in order of their start once the watermark reaches their end.
    /// </summary>
    /// <typeparam name="TSink">The sink type.</typeparam>
    /// <param name="events">All events in arrival order.</param>
    /// <param name="maxOutOfOrderness">The bound of the watermark.</param>
    /// <param name="sink">Receives the results.</param>
    public static void Loop<TSink>(ReadOnlySpan<Event> events, TimeSpan maxOutOfOrderness, ref TSink sink)
        where TSink : IResultSink<HighestBid>
    {
        var size = Milliseconds.Of(WindowSize);
        var bound = Milliseconds.Of(maxOutOfOrderness);
        var open = new Dictionary<long, Bid>();
        var watermark = long.MinValue;
        var nextEnd = long.MaxValue;
        foreach (ref readonly var e in events)
        {
            if (e.Kind != EventKind.Bid)
            {
                continue;
            }

            var time = e.DateTime;
            var start = TimeWindow.StartOf(time, 0, size);
            ref var best = ref CollectionsMarshal.GetValueRefOrAddDefault(open, start, out var exists);
            if (!exists)
            {
                best = e.Bid;
                nextEnd = Math.Min(nextEnd, start + size);
            }
            else if (e.Bid.Price > best.Price)
            {
                best = e.Bid;
            }

            if (time - bound > watermark)
            {
                watermark = time - bound;
                if (watermark >= nextEnd)
                {
                    nextEnd = Close(open, size, watermark, ref sink);
                }
            }
        }

        Close(open, size, long.MaxValue, ref sink);
    }

    /// <summary>Emits the windows that end at or before the watermark, oldest first; returns the next end.</summary>
    private static long Close<TSink>(Dictionary<long, Bid> open, long size, long watermark, ref TSink sink)
        where TSink : IResultSink<HighestBid>
    {
        long nextEnd;
        while (LoopWindows.TryCloseOldest(open, size, watermark, out var start, out var best, out nextEnd))
        {
            sink.Add(new HighestBid(start, start + size, best));
        }

        return nextEnd;
    }
}
