namespace RxStreams.Checkpoints;

/// <summary>
/// An observer of a replayable source that takes checkpoint barriers beside its records (the <c>WithEventTime</c>
/// operator): a plain <c>IObservable&lt;T&gt;</c> cannot carry them in-band.
/// </summary>
internal interface IBarrierReceiver
{
    /// <summary>The source recorded its position for <paramref name="checkpointId"/>; every record before this call precedes the barrier.</summary>
    void OnBarrier(long checkpointId);
}
