using System;
using System.Threading;

namespace RxStreams;

/// <summary>Checkpoint and recovery figures of a running <see cref="StreamJob{T}"/>; safe to read from any thread.</summary>
public sealed class CheckpointStatistics
{
    private long _completed;
    private long _failed;
    private long _lastCompletedId = -1;
    private long _restoredId = -1;
    private long _restarts;
    private long _lastSize;
    private long _lastDurationTicks;
    private long _lastPauseTicks;
    private long _maxPauseTicks;
    private long _restoreTicks;
    private long _lastAlignmentTicks;

    /// <summary>How many checkpoints completed (every participant acknowledged and the storage holds them).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>How many checkpoints failed to be stored.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The id of the latest completed checkpoint; -1 before the first.</summary>
    public long LastCompletedId => Interlocked.Read(ref _lastCompletedId);

    /// <summary>The checkpoint the current attempt restored from; -1 when it started empty.</summary>
    public long RestoredFromId => Interlocked.Read(ref _restoredId);

    /// <summary>How long the current attempt took to subscribe its pipeline and restore its state; zero when it started empty.</summary>
    public TimeSpan RestoreDuration => TimeSpan.FromTicks(Interlocked.Read(ref _restoreTicks));

    /// <summary>How many times the job restarted after a failure.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>The size in bytes of the state in the latest completed checkpoint.</summary>
    public long LastSize => Interlocked.Read(ref _lastSize);

    /// <summary>From trigger to durable, for the latest completed checkpoint.</summary>
    public TimeSpan LastDuration => TimeSpan.FromTicks(Interlocked.Read(ref _lastDurationTicks));

    /// <summary>
    /// The longest time a point where inputs meet (a <c>Union</c>, <c>Connect</c>, an exchange task) held an input whose
    /// barrier had come while it waited for the others', in the latest completed checkpoint (Flink's alignment duration);
    /// zero when nothing aligned (one input, unaligned or at-least-once checkpoints).
    /// </summary>
    public TimeSpan LastAlignmentDuration => TimeSpan.FromTicks(Interlocked.Read(ref _lastAlignmentTicks));

    /// <summary>How long records waited while the latest checkpoint's synchronous part ran (barriers through the pipeline, state captured).</summary>
    public TimeSpan LastSynchronousPause => TimeSpan.FromTicks(Interlocked.Read(ref _lastPauseTicks));

    /// <summary>The longest synchronous pause so far.</summary>
    public TimeSpan MaxSynchronousPause => TimeSpan.FromTicks(Interlocked.Read(ref _maxPauseTicks));

    /// <summary>The synchronous pauses of the latest checkpoints (up to 4,096), for percentiles.</summary>
    public LatencyHistogram SynchronousPauses { get; } = new();

    /// <summary>
    /// The sources of the current attempt that cannot be replayed (<see cref="ReplayableSource.Unreplayable{T}"/>): their
    /// records since the last checkpoint are lost in a restart (at-most-once); empty when every source replays.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<string> UnreplayableSources { get; internal set; } = [];

    /// <summary>
    /// The reasons given with <see cref="UncheckpointedExtensions.Uncheckpointed{T}"/> for parts of the current attempt's
    /// pipeline that checkpoints do not hold; empty when checkpoints hold everything.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<string> UncheckpointedParts { get; internal set; } = [];

    /// <summary>The error of the latest failed checkpoint, if any.</summary>
    public Exception? LastFailure { get; private set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"completed {Completed} (last #{LastCompletedId}, {LastSize} B, {LastDuration.TotalMilliseconds:0.###} ms, pause {LastSynchronousPause.TotalMilliseconds:0.###} ms), failed {Failed}, restarts {Restarts}";

    internal void OnPause(TimeSpan pause)
    {
        SynchronousPauses.Record(pause);
        Interlocked.Exchange(ref _lastPauseTicks, pause.Ticks);
        long max;
        while (pause.Ticks > (max = Interlocked.Read(ref _maxPauseTicks)) && Interlocked.CompareExchange(ref _maxPauseTicks, pause.Ticks, max) != max)
        {
        }
    }

    internal void OnCompleted(long checkpointId, long size, TimeSpan duration, TimeSpan alignment)
    {
        Interlocked.Exchange(ref _lastAlignmentTicks, alignment.Ticks);
        Interlocked.Increment(ref _completed);
        Interlocked.Exchange(ref _lastCompletedId, checkpointId);
        Interlocked.Exchange(ref _lastSize, size);
        Interlocked.Exchange(ref _lastDurationTicks, duration.Ticks);
    }

    internal void OnFailed(Exception error)
    {
        LastFailure = error;
        Interlocked.Increment(ref _failed);
    }

    internal void OnAttempt(long? restoredId) => Interlocked.Exchange(ref _restoredId, restoredId ?? -1);

    internal void OnRestored(TimeSpan duration) => Interlocked.Exchange(ref _restoreTicks, duration.Ticks);

    internal void OnRestart() => Interlocked.Increment(ref _restarts);
}
