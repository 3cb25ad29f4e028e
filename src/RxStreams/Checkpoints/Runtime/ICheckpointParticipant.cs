namespace RxStreams.Checkpoints;

/// <summary>
/// An operator, source or task whose state a checkpoint holds. <see cref="Restore"/> comes before its first element
/// and <see cref="Snapshot"/> when a barrier has reached it on every input, both on the participant's own thread;
/// <see cref="NotifyCheckpointComplete"/> comes on the job's scheduler, which in a parallel job is another thread.
/// </summary>
internal interface ICheckpointParticipant
{
    /// <summary>
    /// Captures the state as of the barrier of <paramref name="checkpointId"/>; what it returns to finish later must not
    /// read anything that records after the barrier change.
    /// </summary>
    PendingSnapshot Snapshot(long checkpointId);

    /// <summary>Loads the part of <paramref name="snapshot"/> that belongs to <paramref name="task"/>.</summary>
    void Restore(OperatorSnapshot snapshot, TaskInfo task);

    /// <summary>The checkpoint is durable: every participant acknowledged it and the storage holds it.</summary>
    void NotifyCheckpointComplete(long checkpointId);
}
