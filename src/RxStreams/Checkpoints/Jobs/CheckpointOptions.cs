using System;
using System.Reactive.Concurrency;
using RxStreams.Checkpoints;
using RxStreams.State;

namespace RxStreams;

/// <summary>How a <see cref="StreamJob{T}"/> takes checkpoints and recovers (Flink's <c>CheckpointConfig</c> and restart strategy).</summary>
public sealed record CheckpointOptions
{
    /// <summary>Where completed checkpoints are kept. An in-memory storage by default (lost with the process).</summary>
    public ICheckpointStorage Storage { get; init; } = new InMemoryCheckpointStorage();

    /// <summary>The time between checkpoints, on <see cref="Scheduler"/>. Default 1 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Exactly-once (the default) aligns barriers where inputs meet, so every record is in the state of a checkpoint
    /// exactly once; at-least-once lets records pass a barrier early, so after a restore some count twice.
    /// </summary>
    public CheckpointingMode Mode { get; init; } = CheckpointingMode.ExactlyOnce;

    /// <summary>
    /// What the job promises for each record across failures: <see cref="DeliveryGuarantee.AtMostOnce"/>,
    /// <see cref="DeliveryGuarantee.AtLeastOnce"/>, <see cref="DeliveryGuarantee.ExactlyOnce"/> (state) or
    /// <see cref="DeliveryGuarantee.EndToEndExactlyOnce"/> (state and sinks). Unset, it follows <see cref="Mode"/>:
    /// exactly-once, or at-least-once when <see cref="Mode"/> is <see cref="CheckpointingMode.AtLeastOnce"/>. Setting it
    /// sets the barrier alignment too: aligned for the exactly-once guarantees, not aligned below them.
    /// </summary>
    public DeliveryGuarantee Guarantee
    {
        get => _guarantee ?? (Mode == CheckpointingMode.AtLeastOnce ? DeliveryGuarantee.AtLeastOnce : DeliveryGuarantee.ExactlyOnce);
        init => _guarantee = value;
    }

    private DeliveryGuarantee? _guarantee;

    /// <summary>Whether barriers are aligned, from <see cref="Guarantee"/> when it was set, else <see cref="Mode"/>.</summary>
    internal CheckpointingMode EffectiveMode => _guarantee switch
    {
        null => Mode,
        DeliveryGuarantee.AtLeastOnce => CheckpointingMode.AtLeastOnce,
        _ => CheckpointingMode.ExactlyOnce,
    };

    /// <summary>
    /// Unaligned checkpoints (Flink's <c>enableUnalignedCheckpoints</c>): an exchange task takes a checkpoint as soon as
    /// a producer announces its barrier, instead of after the records queued in front of the barrier, and stores those
    /// in-flight records with the checkpoint; a restore processes them again first. Under backpressure a checkpoint then
    /// completes in about the time the slowest task takes for one record, not for a full buffer. The records must be
    /// serializable; such a checkpoint restores only at the parallelism it was taken at, so savepoints, which rescale,
    /// are always aligned. Needs <see cref="CheckpointingMode.ExactlyOnce"/>. Default false.
    /// </summary>
    public bool Unaligned { get; init; }

    /// <summary>A checkpoint not complete this long after it started is aborted and counted as failed. Default 10 minutes (Flink's).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many checkpoints may be in flight at once; a tick of <see cref="Interval"/> with that many is skipped. Default 1.</summary>
    public int MaxConcurrentCheckpoints { get; init; } = 1;

    /// <summary>The least time from one checkpoint's completion to the next one's start; ticks closer than that are skipped. Default zero.</summary>
    public TimeSpan MinPauseBetweenCheckpoints { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// How many elements a <c>Union</c> or <c>Connect</c> may hold while it aligns barriers (an Rx input cannot be paused);
    /// past it that checkpoint is declined rather than memory growing without bound. Default 1,000,000.
    /// </summary>
    public int MaxAlignmentBuffer { get; init; } = 1_000_000;

    /// <summary>What to do when an attempt fails. Default: none (the error ends the job).</summary>
    public RestartStrategy RestartStrategy { get; init; } = RestartStrategy.None;

    /// <summary>
    /// The job's scheduler: sources read and checkpoints start on it, one at a time, and processing-time timers of the
    /// pipeline should use it too. It must run one item at a time (an <c>EventLoopScheduler</c>, a <c>TestScheduler</c>);
    /// null gives each job an <c>EventLoopScheduler</c> of its own.
    /// </summary>
    public IScheduler? Scheduler { get; init; }

    /// <summary>
    /// Resume from the storage's latest checkpoint when the job starts (so a new process carries on where a crashed one
    /// stopped). Default true.
    /// </summary>
    public bool ResumeFromLatest { get; init; } = true;

    /// <summary>A checkpoint or savepoint to start from instead of the storage's latest (Flink's <c>-s savepointPath</c>).</summary>
    public CheckpointSnapshot? RestoreFrom { get; init; }

    /// <summary>Let a restore drop state of operators the job no longer has (Flink's <c>allowNonRestoredState</c>). Default false.</summary>
    public bool AllowNonRestoredState { get; init; }

    /// <summary>
    /// Write checkpoints to the storage off the job's thread (the default); false writes them on it, which makes a
    /// <c>TestScheduler</c> test fully deterministic.
    /// </summary>
    public bool AsynchronousSnapshots { get; init; } = true;

    /// <summary>
    /// Where keyed process functions (<c>KeyBy(...).Process(...)</c> and keyed <c>Connect(...).Process(...)</c>) keep their
    /// state: <see cref="HeapStateBackend"/> (the default: fastest, bounded by memory) or, from the RxStreams.RocksDb
    /// package, <c>new RocksDbStateBackend("/local/dir")</c> (state larger than memory, incremental checkpoints). Both
    /// write checkpoints in the same key-group format, so a job restores the other backend's checkpoints.
    /// </summary>
    public StateBackend StateBackend { get; init; } = StateBackend.Default;

    /// <summary>Failures a <see cref="Testing.CrashTest"/> injects; null in a normal job.</summary>
    internal Testing.FaultInjector? Faults { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Storage, nameof(Storage));
        ArgumentNullException.ThrowIfNull(StateBackend, nameof(StateBackend));
        ArgumentNullException.ThrowIfNull(RestartStrategy, nameof(RestartStrategy));
        ArgumentOutOfRangeException.ThrowIfLessThan(Interval, TimeSpan.FromMilliseconds(1), nameof(Interval));
        ArgumentOutOfRangeException.ThrowIfLessThan(Timeout, TimeSpan.FromMilliseconds(1), nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentCheckpoints, 1, nameof(MaxConcurrentCheckpoints));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAlignmentBuffer, 1, nameof(MaxAlignmentBuffer));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinPauseBetweenCheckpoints, TimeSpan.Zero, nameof(MinPauseBetweenCheckpoints));
        if (!Enum.IsDefined(Guarantee))
        {
            throw new ArgumentOutOfRangeException(nameof(Guarantee), Guarantee, "Not a DeliveryGuarantee.");
        }

        if (_guarantee is >= DeliveryGuarantee.ExactlyOnce && Mode == CheckpointingMode.AtLeastOnce)
        {
            throw new ArgumentException(
                $"Guarantee = {_guarantee} needs aligned barriers, but Mode is AtLeastOnce: set one of them (Guarantee sets the alignment).", nameof(Guarantee));
        }

        if (Unaligned && EffectiveMode != CheckpointingMode.ExactlyOnce)
        {
            throw new ArgumentException("Unaligned checkpoints are exactly-once checkpoints: they need Mode = CheckpointingMode.ExactlyOnce.", nameof(Unaligned));
        }
    }
}
