namespace RxStreams;

/// <summary>
/// What a <see cref="StreamJob{T}"/> promises about each input record's effect when it fails and restarts (the seed's
/// taxonomy; Flink's checkpointing modes plus its end-to-end exactly-once). A job whose parts cannot give the guarantee
/// asked for fails at start with a <see cref="Checkpoints.DeliveryGuaranteeException"/> naming the part; it never
/// silently gives a weaker one.
/// </summary>
public enum DeliveryGuarantee
{
    /// <summary>
    /// No replay: a restart begins with empty state and the sources carry on from where they were at the failure, so the
    /// records in flight and the state built so far (open windows, running counts) are lost, and no record is processed
    /// twice. This holds for restarts within the process; a new process resumes from the latest checkpoint like the
    /// other guarantees, so records after it are processed again.
    /// </summary>
    AtMostOnce = 0,

    /// <summary>
    /// Replay without alignment: a restart restores the last checkpoint and the sources read again from its positions;
    /// barriers are not aligned, so nothing waits, but a record may count twice in the state and a sink may write it twice.
    /// </summary>
    AtLeastOnce = 1,

    /// <summary>
    /// Replay with aligned barriers (the default): every record counts exactly once in the state after a restart; a
    /// sink that is not transactional, and the job's observer, may see results after the checkpoint again.
    /// </summary>
    ExactlyOnce = 2,

    /// <summary>
    /// Exactly-once effects outside the job too: every source replayable, every part checkpointed, and every path of
    /// the pipeline ending in a sink whose <see cref="Sinks.SinkGuarantee"/> is exactly-once (transactional, committed
    /// when a checkpoint completes, or idempotent); no record may reach the job's observer. Results become visible
    /// when the checkpoint after them completes, so latency grows by up to a checkpoint interval.
    /// </summary>
    EndToEndExactlyOnce = 3,
}
