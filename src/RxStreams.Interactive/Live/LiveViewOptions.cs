using System;
using System.Reactive.Concurrency;
using System.Threading;

namespace RxStreams.Interactive.Live;

/// <summary>How a live view shows itself, what else it reports, and when it stops.</summary>
public sealed record LiveViewOptions
{
    /// <summary>A title above the table.</summary>
    public string? Title { get; init; }

    /// <summary>The window operator's counters; their late-dropped count is shown as the late-record count.</summary>
    public WindowCounters? Counters { get; init; }

    /// <summary>Reads the late-record count (for example <c>() =&gt; late.Count</c> of a side output); wins over <see cref="Counters"/>.</summary>
    public Func<long>? LateRecords { get; init; }

    /// <summary>
    /// Metrics with a measuring point named <see cref="MeasuringPoint"/> on the input: its record count gives the
    /// throughput in records per second (without it the view shows window results per second), and its late count the
    /// late-record count when nothing else gives one. Reading them takes a <see cref="StreamMetrics.Snapshot"/>.
    /// </summary>
    public StreamMetrics? Metrics { get; init; }

    /// <summary>The measuring point of <see cref="Metrics"/> to read.</summary>
    public string? MeasuringPoint { get; init; }

    /// <summary>The processing-time clock for throughput and update pacing; <see cref="Scheduler.Default"/> unless set.</summary>
    public IScheduler? Clock { get; init; }

    /// <summary>
    /// The least processing time between two display updates. A change within the interval is shown when it has passed
    /// (a trailing flush), so the display is at most one interval behind; the first and the final state are always
    /// shown. Zero updates the display on every element that changes it.
    /// </summary>
    public TimeSpan MinUpdateInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The most rows shown; older windows are summarized in one line.</summary>
    public int MaxRows { get; init; } = 50;

    /// <summary>For a live chart: the most points kept per line; older ones are dropped.</summary>
    public int MaxPoints { get; init; } = 2000;

    /// <summary>Stops the view after this much processing time on <see cref="Clock"/> (null: run until the stream ends).</summary>
    public TimeSpan? StopAfter { get; init; }

    /// <summary>Stops the view when cancelled; the view then disposes its subscription and shows its last state as stopped.</summary>
    public CancellationToken Cancellation { get; init; }
}
