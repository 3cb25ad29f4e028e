namespace RxStreams;

/// <summary>
/// Two threads called <c>OnNext</c> on a pipeline at the same time, which Rx forbids (calls must be serialized). The
/// operator where the records entered (<c>WithEventTime</c>, an exchange, or the first operator after a source that is
/// not an RxStreams operator) fails the stream with this error as soon as it notices, so that state corrupted by the
/// overlap never passes silently. Serialize the producers before the pipeline: <c>source.Synchronize()</c>, or combine
/// several producers with <c>Observable.Merge</c>.
/// </summary>
/// <remarks>
/// Detection is cheap and best-effort: each call checks, when it returns, whether another one started meanwhile (plain
/// field accesses, no lock), so two calls that start in the same instant can slip past it once; calls that keep
/// overlapping are caught.
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
