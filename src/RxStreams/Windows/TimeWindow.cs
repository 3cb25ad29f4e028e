using System;
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

    /// <summary>The largest timestamp inside the window, <c>End − 1</c>; window results carry it as their timestamp, as in Flink.</summary>
    public long MaxTimestamp => End - 1;

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
    public static long StartOf(long timestamp, long offset, long size)
    {
        var remainder = (timestamp - offset) % size;
        return remainder < 0 ? timestamp - (remainder + size) : timestamp - remainder;
    }

    /// <summary>The compact form <c>[start,end)</c>; <c>[global)</c> for the global window.</summary>
    public override string ToString() =>
        IsGlobal ? "[global)" : string.Create(CultureInfo.InvariantCulture, $"[{Start},{End})");
}
