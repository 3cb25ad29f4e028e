namespace RxStreams.Sinks;

/// <summary>
/// What a sink promises about its effects when a checkpointed job fails and restarts from its last checkpoint (Flink's
/// <c>DeliveryGuarantee</c>). Outside a job there is no replay: see <see cref="SinkWriter{T}"/> for what each form does there.
/// </summary>
public enum SinkGuarantee
{
    /// <summary>No promise: records may be lost (held in memory when the job failed) or written again after a restart.</summary>
    None = 0,

    /// <summary>
    /// Nothing is lost: everything before a checkpoint's barrier is durable when the checkpoint completes, but records
    /// after it are written again by the restarted job (duplicates).
    /// </summary>
    AtLeastOnce = 1,

    /// <summary>
    /// End-to-end exactly-once with a replayable source: the sink's visible output is that of a run without failure,
    /// either because it commits transactions only when a checkpoint completes (<see cref="TwoPhaseCommitSinkWriter{T, TTransaction}"/>)
    /// or because writing a record again has no further effect (an idempotent sink over a deterministic pipeline).
    /// </summary>
    ExactlyOnce = 2,
}
