namespace RxStreams;

/// <summary>
/// Two threads called <c>OnNext</c> on a pipeline at the same time, which Rx forbids (calls must be serialized). The
/// operator where the records entered stops the stream with this error rather than let its state be corrupted, and the
/// call that overlapped gets it thrown back. Serialize the producers before the pipeline: <c>source.Synchronize()</c>,
/// or combine several producers with <c>Observable.Merge</c>.
/// </summary>
/// <remarks>
/// Detection is cheap and best-effort: a flag, not a lock, marks a call in progress, so two calls that start in the
/// same instant can slip past it once; calls that keep overlapping are caught.
/// </remarks>
public sealed class ConcurrentOnNextException : StreamOperatorException
{
    /// <summary>Creates the error for the operator where the overlapping calls arrived.</summary>
    /// <param name="operatorName">The entry operator, for example <c>WithEventTime</c>.</param>
    public ConcurrentOnNextException(string operatorName)
        : base(
            operatorName,
            null,
            null,
            $"OnNext was called from two threads at once; Rx requires serialized calls. Call Synchronize() on the source (or combine producers with Merge) before {operatorName}.",
            null)
    {
    }
}
