using System.Diagnostics.Metrics;
using System.Threading;

namespace RxStreams;

/// <summary>
/// Records the library drops by design, as Flink does by default, counted always and for the whole process, so that
/// none vanishes without trace even where no side output or counters were given: late records a window had no side
/// output for, and records that fall between sliding windows (slide greater than size). Also published on the
/// <see cref="StreamMetrics.MeterName"/> meter as <c>rxstreams.records.dropped</c>, tagged with the reason.
/// </summary>
public static class DroppedRecords
{
    private static readonly Meter Meter = new(StreamMetrics.MeterName);
    private static long _lateInWindows;
    private static long _outsideWindows;

    static DroppedRecords()
    {
        Meter.CreateObservableCounter(
            "rxstreams.records.dropped",
            () => new[]
            {
                new Measurement<long>(LateInWindows, new System.Collections.Generic.KeyValuePair<string, object?>("reason", "late")),
                new Measurement<long>(OutsideWindows, new System.Collections.Generic.KeyValuePair<string, object?>("reason", "outside-windows")),
            },
            "{record}",
            "Records dropped by design: late for their window with no side output, or between sliding windows.");
    }

    /// <summary>Late records that windows dropped because no late-data side output took them (with one, they go there).</summary>
    public static long LateInWindows => Interlocked.Read(ref _lateInWindows);

    /// <summary>On-time records that belonged to no window (between sliding windows whose slide exceeds their size).</summary>
    public static long OutsideWindows => Interlocked.Read(ref _outsideWindows);

    internal static void LateInWindow() => Interlocked.Increment(ref _lateInWindows);

    internal static void OutsideWindow() => Interlocked.Increment(ref _outsideWindows);
}
