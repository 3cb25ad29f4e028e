using System;

namespace RxStreams;

/// <summary>Accepting, in a checkpointed job, state or input positions that checkpoints cannot see.</summary>
public static class UncheckpointedExtensions
{
    /// <summary>
    /// Accepts that what produces <paramref name="stream"/> (plain Rx operators such as <c>Scan</c> or <c>Buffer</c>,
    /// or an observable that is not a replayable source) is not checkpointed: a <see cref="StreamJob{T}"/> then runs
    /// instead of failing at start, but after a restart that part starts empty and its records since the last
    /// checkpoint may be lost or repeated. The job lists <paramref name="reason"/> in
    /// <see cref="CheckpointStatistics.UncheckpointedParts"/>. Checkpoint barriers must still pass through it unchanged
    /// and in order (operators that batch, reorder or drop stream elements would hold them back). Outside a job it does
    /// nothing.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="stream">The output of the part to accept.</param>
    /// <param name="reason">Why it is acceptable, for the job's figures and your readers.</param>
    public static IObservable<StreamElement<T>> Uncheckpointed<T>(this IObservable<StreamElement<T>> stream, string reason)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new Checkpoints.UncheckpointedStream<T>(stream, reason);
    }
}
