using System;
using System.Reactive.Concurrency;

namespace RxStreams.Sinks;

/// <summary>
/// How a sink batches its writes: records are buffered and written together once <see cref="BatchSize"/> are held or
/// <see cref="BatchLatency"/> after the first of them, whichever comes first, and always at a checkpoint barrier and at
/// the end of the input. The write runs on the thread that delivers the record (the task's), so a slow external system
/// slows the pipeline down (backpressure) instead of growing a queue.
/// </summary>
public sealed record SinkOptions
{
    /// <summary>The defaults: batches of 1,000 records, written at most 100 ms after their first record.</summary>
    public static SinkOptions Default { get; } = new();

    /// <summary>How many records a batch holds at most; at least 1. Default 1,000.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>
    /// How long a record may wait in a batch that is not full (processing time, on <see cref="Scheduler"/>); default
    /// 100 ms. <see cref="TimeSpan.Zero"/> or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> turns the bound off: batches are
    /// written when full, at barriers and at the end only.
    /// </summary>
    public TimeSpan BatchLatency { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Where the latency bound's timer runs: null for the job's scheduler in a checkpointed job, and
    /// <see cref="DefaultScheduler.Instance"/> outside one. Give a <c>TestScheduler</c> to drive it in virtual time.
    /// </summary>
    public IScheduler? Scheduler { get; init; }

    internal void Validate(string sinkName, string paramName)
    {
        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, BatchSize, $"Sink '{sinkName}': BatchSize must be at least 1.");
        }

        if (BatchLatency < TimeSpan.Zero && BatchLatency != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(paramName, BatchLatency, $"Sink '{sinkName}': BatchLatency must not be negative.");
        }
    }

    internal bool HasLatencyBound => BatchLatency > TimeSpan.Zero;
}
