using System.Collections.Generic;

namespace RxStreams.Interactive.Charts;

/// <summary>One point of a chart line: a result at an event time.</summary>
/// <param name="Time">The event time: a window's end, or a rolling result's timestamp.</param>
/// <param name="Value">The result as a number.</param>
/// <param name="Late">True when a late firing set it (a window updated within its allowed lateness).</param>
public sealed record ChartPoint(long Time, double Value, bool Late);

/// <summary>The line of one key: its points in event-time order.</summary>
/// <param name="Key">The key as text.</param>
/// <param name="Points">The points, oldest event time first.</param>
public sealed record ChartSeries(string Key, IReadOnlyList<ChartPoint> Points);
