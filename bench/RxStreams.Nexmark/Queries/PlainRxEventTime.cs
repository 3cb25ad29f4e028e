using System;
using System.Collections.Generic;
using System.Reactive.Linq;

namespace RxStreams.Nexmark.Queries;

/// <summary>A bid with the watermark after it: the newest bid time seen so far minus the out-of-orderness bound.</summary>
/// <param name="Bid">The bid.</param>
/// <param name="Watermark">No bid below this time is expected any more (exclusive, as in RxStreams).</param>
internal readonly record struct WatermarkedBid(Bid Bid, long Watermark);

/// <summary>
/// Event time the way a plain Rx.NET user writes it for windows: Rx processes in arrival order, so out-of-order bids
/// need a watermark, kept with <c>Scan</c>; a window closes when the first bid whose watermark reaches its end arrives.
/// With out-of-orderness within the bound this gives exactly the windows of RxStreams.
/// </summary>
internal static class PlainRxEventTime
{
    public static IObservable<WatermarkedBid> BidsWithWatermark(IObservable<Event> events, long maxOutOfOrdernessMs) =>
        events
            .Where(e => e.Kind == EventKind.Bid)
            .Scan(
                new WatermarkedBid(default, long.MinValue),
                (previous, e) => new WatermarkedBid(e.Bid, Math.Max(previous.Watermark, e.DateTime - maxOutOfOrdernessMs)));
}

/// <summary>Milliseconds of a duration, as the hand-written versions use them.</summary>
internal static class Milliseconds
{
    public static long Of(TimeSpan duration) => duration.Ticks / TimeSpan.TicksPerMillisecond;
}

/// <summary>The open windows of a hand-written loop, by start.</summary>
internal static class LoopWindows
{
    /// <summary>
    /// Removes the oldest open window when it ends at or before the watermark; otherwise gives the end of the oldest
    /// (<see cref="long.MaxValue"/> when none is open), the next watermark at which to look again.
    /// </summary>
    public static bool TryCloseOldest<TState>(Dictionary<long, TState> open, long size, long watermark, out long start, out TState state, out long nextEnd)
    {
        var oldest = long.MaxValue;
        foreach (var candidate in open.Keys)
        {
            oldest = Math.Min(oldest, candidate);
        }

        start = oldest;
        if (oldest == long.MaxValue || oldest + size > watermark)
        {
            state = default!;
            nextEnd = oldest == long.MaxValue ? long.MaxValue : oldest + size;
            return false;
        }

        open.Remove(oldest, out state!);
        nextEnd = 0;
        return true;
    }
}
