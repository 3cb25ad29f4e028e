using System;
using System.Diagnostics.Metrics;

namespace RxStreams.Checkpoints;

/// <summary>
/// A job's checkpoint figures as instruments of the <see cref="StreamMetrics.MeterName"/> meter (for
/// <c>dotnet-counters</c> and OpenTelemetry), read from its <see cref="CheckpointStatistics"/> while the job runs.
/// </summary>
internal sealed class CheckpointInstruments : IDisposable
{
    private readonly Meter _meter = new(StreamMetrics.MeterName);

    /// <summary>The meter of this job's instruments (tests tell them from other jobs' by it).</summary>
    internal Meter Meter => _meter;

    public CheckpointInstruments(Func<CheckpointStatistics> statistics)
    {
        _meter.CreateObservableCounter("rxstreams.checkpoints.completed", () => statistics().Completed, "{checkpoint}", "Checkpoints acknowledged by every operator and stored.");
        _meter.CreateObservableCounter("rxstreams.checkpoints.failed", () => statistics().Failed, "{checkpoint}", "Checkpoints that could not be completed or stored.");
        _meter.CreateObservableGauge("rxstreams.checkpoint.last_id", () => statistics().LastCompletedId, "{checkpoint}", "The id of the latest completed checkpoint.");
        _meter.CreateObservableGauge("rxstreams.checkpoint.duration", () => statistics().LastDuration.TotalMilliseconds, "ms", "From trigger to durable, for the latest completed checkpoint.");
        _meter.CreateObservableGauge("rxstreams.checkpoint.pause", () => statistics().LastSynchronousPause.TotalMilliseconds, "ms", "How long records waited while the latest checkpoint's synchronous part ran.");
        _meter.CreateObservableGauge("rxstreams.checkpoint.alignment", () => statistics().LastAlignmentDuration.TotalMilliseconds, "ms", "The longest time an input was held for barrier alignment in the latest completed checkpoint.");
        _meter.CreateObservableGauge("rxstreams.checkpoint.size", () => statistics().LastSize, "By", "The state in the latest completed checkpoint.");
        _meter.CreateObservableCounter("rxstreams.job.restarts", () => statistics().Restarts, "{restart}", "Restarts after a failure.");
    }

    public void Dispose() => _meter.Dispose();
}
