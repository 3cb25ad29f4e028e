using System.Diagnostics.Metrics;
using System.Threading;

namespace RxStreams;

/// <summary>
/// Records the library drops by design, as Flink does by default, counted always and for the whole process, so that
/// none vanishes without trace even where no side output or counters were given: late records a window had no side
/// output for, records that fall between sliding windows (slide greater than size), and the records of count windows
/// that never filled before the input ended (Flink drops them too). Also published on the
/// <see cref="StreamMetrics.MeterName"/> meter as <c>rxstreams.records.dropped</c>, tagged with the reason.
/// </summary>
public static class DroppedRecords
{
    private static readonly Meter Meter = new(StreamMetrics.MeterName);
    private static long _lateInWindows;
    private static long _outsideWindows;
    private static long _countWindowLeftovers;

    static DroppedRecords()
    {
        Meter.CreateObservableCounter(
            "rxstreams.records.dropped",
            () => new[]
            {
                new Measurement<long>(LateInWindows, new System.Collections.Generic.KeyValuePair<string, object?>("reason", "late")),
                new Measurement<long>(OutsideWindows, new System.Collections.Generic.KeyValuePair<string, object?>("reason", "outside-windows")),
                new Measurement<long>(CountWindowLeftovers, new System.Collections.Generic.KeyValuePair<string, object?>("reason", "count-window-leftovers")),
            },
            "{record}",
            "Records dropped by design: late for their window with no side output, between sliding windows, or left in a count window at the end of input.");
    }

    /// <summary>Late records that windows dropped because no late-data side output took them (with one, they go there).</summary>
    public static long LateInWindows => Interlocked.Read(ref _lateInWindows);

    /// <summary>On-time records that belonged to no window (between sliding windows whose slide exceeds their size).</summary>
    public static long OutsideWindows => Interlocked.Read(ref _outsideWindows);

    /// <summary>
    /// Records left in a count window (<c>CountWindow</c>, <c>CountWindowAll</c>, or global windows under a count trigger)
    /// when the input ended: fewer than the window's size since its last firing, so never part of a result.
    /// </summary>
    public static long CountWindowLeftovers => Interlocked.Read(ref _countWindowLeftovers);

    internal static void LateInWindow() => Interlocked.Increment(ref _lateInWindows);

    internal static void OutsideWindow() => Interlocked.Increment(ref _outsideWindows);

    internal static void CountWindowLeftover(long records) => Interlocked.Add(ref _countWindowLeftovers, records);
}
