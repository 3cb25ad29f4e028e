using System;

namespace RxStreams;

/// <summary>How a <see cref="ReplayableSource{T}"/> is read inside a <see cref="StreamJob{T}"/>.</summary>
public sealed record SourceOptions
{
    /// <summary>Records read per step on the job's scheduler; checkpoints start between steps. Default 1,024.</summary>
    public int RecordsPerStep { get; init; } = 1024;

    /// <summary>The pause between steps; zero (the default) reads as fast as the pipeline takes records. A <c>TestScheduler</c> test sets it to pace records in virtual time.</summary>
    public TimeSpan Pace { get; init; } = TimeSpan.Zero;

    /// <summary>How long to wait before reading again when a growing input had nothing new. Default 10 ms.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(RecordsPerStep, 1, nameof(RecordsPerStep));
        ArgumentOutOfRangeException.ThrowIfLessThan(Pace, TimeSpan.Zero, nameof(Pace));
        ArgumentOutOfRangeException.ThrowIfLessThan(PollInterval, TimeSpan.Zero, nameof(PollInterval));
    }
}
