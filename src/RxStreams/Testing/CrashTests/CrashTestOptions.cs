using System;

namespace RxStreams.Testing;

/// <summary>How a <see cref="CrashTest"/> runs a pipeline: the guarantee under test, how many runs, how many failures, where.</summary>
public sealed record CrashTestOptions
{
    /// <summary>The job's delivery guarantee, and the promise the report is checked against. Default end-to-end exactly-once.</summary>
    public DeliveryGuarantee Guarantee { get; init; } = DeliveryGuarantee.EndToEndExactlyOnce;

    /// <summary>Runs with failures, each against the same failure-free reference. Default 100.</summary>
    public int Runs { get; init; } = 100;

    /// <summary>The most failures injected in one run (each run draws 1 to this many). Default 3.</summary>
    public int MaxCrashesPerRun { get; init; } = 3;

    /// <summary>Seeds the failure plans: the same seed gives the same runs. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Where failures may be injected. Default all.</summary>
    public FailurePoints FailurePoints { get; init; } = FailurePoints.All;

    /// <summary>The checkpoint interval, in the runs' virtual time. Default 10 ms.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How much virtual time a run may take before it counts as hung. Default one hour.</summary>
    public TimeSpan MaxVirtualTime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Changes the job's options of every run (a state backend, a checkpoint storage); the harness sets scheduler, interval, guarantee and restarts.</summary>
    public Func<CheckpointOptions, CheckpointOptions>? Configure { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Runs, 1, nameof(Runs));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCrashesPerRun, 1, nameof(MaxCrashesPerRun));
        ArgumentOutOfRangeException.ThrowIfLessThan(CheckpointInterval, TimeSpan.FromMilliseconds(1), nameof(CheckpointInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxVirtualTime, CheckpointInterval, nameof(MaxVirtualTime));
        if (FailurePoints == FailurePoints.None || (FailurePoints & ~FailurePoints.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FailurePoints), FailurePoints, "Give at least one failure point, and only those FailurePoints names.");
        }
    }
}
