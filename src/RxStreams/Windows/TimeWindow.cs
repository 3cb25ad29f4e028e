using System;
using System.Collections.Generic;
using System.Globalization;

namespace RxStreams;

/// <summary>
/// A window of event (or processing) time, half-open: <c>[Start, End)</c>. A record with timestamp <c>t</c> belongs
/// to it when <c>Start ≤ t &lt; End</c>. The global window spans all of time.
/// </summary>
/// <param name="Start">The first timestamp in the window, milliseconds since the Unix epoch.</param>
/// <param name="End">The first timestamp after the window.</param>
public readonly record struct TimeWindow(long Start, long End)
{
    /// <summary>The window of all time, used by global and count windows.</summary>
    public static TimeWindow Global { get; } = new(long.MinValue, long.MaxValue);

    /// <summary>
    /// The largest timestamp inside the window, <c>End − 1</c>; window results carry it as their timestamp, as in Flink.
    /// The global window's is <see cref="long.MaxValue"/>, as Flink's <c>GlobalWindow.maxTimestamp()</c>.
    /// </summary>
    public long MaxTimestamp => IsGlobal ? long.MaxValue : End - 1;

    /// <summary>True for <see cref="Global"/>.</summary>
    public bool IsGlobal => Start == long.MinValue && End == long.MaxValue;

    /// <summary>True when the windows overlap or touch, so that session windows merge (Flink's <c>intersects</c>).</summary>
    /// <param name="other">The other window.</param>
    public bool Intersects(TimeWindow other) => Start <= other.End && End >= other.Start;

    /// <summary>The smallest window that covers both.</summary>
    /// <param name="other">The other window.</param>
    public TimeWindow Cover(TimeWindow other) => new(Math.Min(Start, other.Start), Math.Max(End, other.End));

    /// <summary>
    /// The start of the window of size <paramref name="size"/> containing <paramref name="timestamp"/>, with windows
    /// aligned to the epoch plus <paramref name="offset"/> (Flink's <c>getWindowStartWithOffset</c>).
    /// </summary>
    /// <param name="timestamp">The timestamp.</param>
    /// <param name="offset">The alignment offset.</param>
    /// <param name="size">The window size (or slide) in milliseconds.</param>
    /// <remarks>Near the ends of time a window can start before <see cref="long.MinValue"/>; its start is then clamped to it.</remarks>
    public static long StartOf(long timestamp, long offset, long size)
    {
        if (IsFarFromTheEnds(timestamp))
        {
            var remainder = (timestamp - offset) % size;
            return remainder < 0 ? timestamp - (remainder + size) : timestamp - remainder;
        }

        return Clamp(WideStartOf(timestamp, offset, size));
    }

    /// <summary>The window of <paramref name="size"/> that starts at <paramref name="start"/>, its end clamped to <see cref="long.MaxValue"/>.</summary>
    internal static TimeWindow FromStart(long start, long size) => new(start, EventTime.Add(start, size));

    /// <summary>
    /// The tumbling window of <paramref name="size"/> (aligned to <paramref name="offset"/>) that contains
    /// <paramref name="timestamp"/>; its bounds are clamped at the ends of time, its end staying the aligned one.
    /// </summary>
    internal static TimeWindow TumblingWindowOf(long timestamp, long offset, long size)
    {
        if (IsFarFromTheEnds(timestamp))
        {
            var start = StartOf(timestamp, offset, size);
            return new TimeWindow(start, start + size);
        }

        var wide = WideStartOf(timestamp, offset, size);
        return new TimeWindow(Clamp(wide), Clamp(wide + size));
    }

    /// <summary>
    /// Every window of <paramref name="size"/> starting every <paramref name="slide"/> (aligned to <paramref name="offset"/>)
    /// that contains <paramref name="timestamp"/>, latest start first; bounds are clamped at the ends of time.
    /// </summary>
    internal static void SlidingWindowsOf(long timestamp, long offset, long size, long slide, List<TimeWindow> windows)
    {
        if (IsFarFromTheEnds(timestamp))
        {
            for (var start = StartOf(timestamp, offset, slide); start > timestamp - size; start -= slide)
            {
                windows.Add(new TimeWindow(start, start + size));
            }

            return;
        }

        // Near the ends of time the plain arithmetic would wrap around (and never leave the loop): count wide, clamp.
        for (var start = WideStartOf(timestamp, offset, slide); start > (Int128)timestamp - size; start -= slide)
        {
            windows.Add(new TimeWindow(Clamp(start), Clamp(start + size)));
        }
    }

    // Window sizes, slides and offsets are at most TimeSpan.MaxValue in milliseconds (under 2^50), so within a quarter
    // of the range from zero no start or end computation can wrap.
    private static bool IsFarFromTheEnds(long timestamp) => timestamp > long.MinValue / 4 && timestamp < long.MaxValue / 4;

    private static Int128 WideStartOf(long timestamp, long offset, long size)
    {
        var remainder = ((Int128)timestamp - offset) % size;
        return remainder < 0 ? timestamp - (remainder + size) : timestamp - remainder;
    }

    private static long Clamp(Int128 value) =>
        value < long.MinValue ? long.MinValue : value > long.MaxValue ? long.MaxValue : (long)value;

    /// <summary>The compact form <c>[start,end)</c>; <c>[global)</c> for the global window.</summary>
    public override string ToString() =>
        IsGlobal ? "[global)" : string.Create(CultureInfo.InvariantCulture, $"[{Start},{End})");
}
