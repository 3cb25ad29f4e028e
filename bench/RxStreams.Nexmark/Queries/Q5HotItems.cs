using System;
using System.Collections.Generic;
using System.Reactive.Linq;
using System.Runtime.InteropServices;

namespace RxStreams.Nexmark.Queries;

/// <summary>The hottest auction of a window: the output of q5.</summary>
/// <param name="WindowStart">The window's start (inclusive), ms since the epoch.</param>
/// <param name="WindowEnd">The window's end (exclusive).</param>
/// <param name="Auction">The auction with the most bids in the window (the smallest id among equals).</param>
/// <param name="Bids">Its number of bids in the window.</param>
public readonly record struct HotItem(long WindowStart, long WindowEnd, long Auction, long Bids) : IFingerprint
{
    /// <inheritdoc />
    public long Fingerprint() => Mix.Of(WindowStart, WindowEnd, Auction, Bids);
}

/// <summary>
/// Nexmark q5, hot items: for each sliding event-time window of 10 s starting every 2 s (aligned to the epoch), the
/// auction with the most bids in the window; on a tie, the one with the smallest id. One result per window that has
/// bids, emitted when the watermark reaches the window's end. Each bid counts in the 5 windows that contain its time.
/// </summary>
public static class Q5HotItems
{
    /// <summary>The window size.</summary>
    public static readonly TimeSpan WindowSize = TimeSpan.FromSeconds(10);

    /// <summary>The distance between window starts.</summary>
    public static readonly TimeSpan WindowSlide = TimeSpan.FromSeconds(2);

    /// <summary>
    /// On RxStreams: bids per auction in keyed sliding windows (<c>Count</c>), then, over all auctions, the count with
    /// the highest (bids, −auction) per window. A window's counts carry its last timestamp <c>end − 1</c>, so the
    /// counts of one sliding window, and only those, meet in one tumbling window of the slide's size.
    /// </summary>
    /// <param name="events">The event-time stream of all events.</param>
    public static IObservable<StreamElement<HotItem>> RxStreams(IObservable<StreamElement<Event>> events)
    {
        var bids = from e in events
                   where e.Kind == EventKind.Bid
                   select e.Bid;
        return bids
            .KeyBy(bid => bid.Auction)
            .Window(SlidingEventTimeWindows.Of(WindowSize, WindowSlide))
            .Count()
            .WindowAll(TumblingEventTimeWindows.Of(WindowSlide))
            .MaxBy(count => (count.Value, -count.Key))
            .Select(r => new HotItem(r.Value.Window.Start, r.Value.Window.End, r.Value.Key, r.Value.Value));
    }

    /// <summary>
    /// In plain Rx.NET: <c>SelectMany</c> puts each bid in its windows, <c>GroupByUntil</c> on the window start closes a
    /// window with the first bid whose watermark (kept with <c>Scan</c>) reaches its end, and <c>Aggregate</c> counts
    /// per auction in a dictionary (far cheaper than a nested <c>GroupBy</c> with a subject per auction and window).
    /// </summary>
    /// <param name="events">All events in arrival order.</param>
    /// <param name="maxOutOfOrderness">The bound of the watermark, as in the RxStreams version.</param>
    public static IObservable<HotItem> PlainRx(IObservable<Event> events, TimeSpan maxOutOfOrderness)
    {
        var size = Milliseconds.Of(WindowSize);
        var slide = Milliseconds.Of(WindowSlide);
        return PlainRxEventTime.BidsWithWatermark(events, Milliseconds.Of(maxOutOfOrderness)).Publish(bids => bids
            .SelectMany(b => WindowStarts(b.Bid.DateTime, size, slide), (b, start) => (Start: start, b.Bid.Auction))
            .GroupByUntil(
                x => x.Start,
                x => x.Auction,
                window => bids.Where(b => b.Watermark >= window.Key + size))
            .SelectMany(window => window
                .Aggregate(new Dictionary<long, long>(), (counts, auction) =>
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(counts, auction, out _)++;
                    return counts;
                })
                .Select(counts => Top(window.Key, window.Key + size, counts))));
    }

    /// <summary>
    /// As a hand-written loop: per open window a dictionary of counts per auction (recycled when the window closes), a
    /// watermark as in the other versions, and windows emitted in order of their start once the watermark reaches their end.
    /// </summary>
    /// <typeparam name="TSink">The sink type.</typeparam>
    /// <param name="events">All events in arrival order.</param>
    /// <param name="maxOutOfOrderness">The bound of the watermark.</param>
    /// <param name="sink">Receives the results.</param>
    public static void Loop<TSink>(ReadOnlySpan<Event> events, TimeSpan maxOutOfOrderness, ref TSink sink)
        where TSink : IResultSink<HotItem>
    {
        var size = Milliseconds.Of(WindowSize);
        var slide = Milliseconds.Of(WindowSlide);
        var bound = Milliseconds.Of(maxOutOfOrderness);
        var open = new Dictionary<long, Dictionary<long, long>>();
        var spare = new Stack<Dictionary<long, long>>();
        var watermark = long.MinValue;
        var nextEnd = long.MaxValue;
        foreach (ref readonly var e in events)
        {
            if (e.Kind != EventKind.Bid)
            {
                continue;
            }

            var time = e.DateTime;
            var auction = e.Bid.Auction;
            for (var start = TimeWindow.StartOf(time, 0, slide); start > time - size; start -= slide)
            {
                ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(open, start, out var exists);
                if (!exists)
                {
                    counts = spare.Count > 0 ? spare.Pop() : new Dictionary<long, long>();
                    nextEnd = Math.Min(nextEnd, start + size);
                }

                CollectionsMarshal.GetValueRefOrAddDefault(counts!, auction, out _)++;
            }

            if (time - bound > watermark)
            {
                watermark = time - bound;
                if (watermark >= nextEnd)
                {
                    nextEnd = Close(open, spare, size, watermark, ref sink);
                }
            }
        }

        Close(open, spare, size, long.MaxValue, ref sink);
    }

    /// <summary>The starts of the sliding windows that contain <paramref name="time"/>, latest first.</summary>
    private static IEnumerable<long> WindowStarts(long time, long size, long slide)
    {
        for (var start = TimeWindow.StartOf(time, 0, slide); start > time - size; start -= slide)
        {
            yield return start;
        }
    }

    private static HotItem Top(long start, long end, Dictionary<long, long> counts)
    {
        var auction = long.MaxValue;
        var bids = 0L;
        foreach (var (candidate, count) in counts)
        {
            if (count > bids || (count == bids && candidate < auction))
            {
                auction = candidate;
                bids = count;
            }
        }

        return new HotItem(start, end, auction, bids);
    }

    /// <summary>Emits the windows that end at or before the watermark, oldest first; returns the next end.</summary>
    private static long Close<TSink>(Dictionary<long, Dictionary<long, long>> open, Stack<Dictionary<long, long>> spare, long size, long watermark, ref TSink sink)
        where TSink : IResultSink<HotItem>
    {
        long nextEnd;
        while (LoopWindows.TryCloseOldest(open, size, watermark, out var start, out var counts, out nextEnd))
        {
            sink.Add(Top(start, start + size, counts));
            counts.Clear();
            spare.Push(counts);
        }

        return nextEnd;
    }
}
