namespace RxStreams.Checkpoints;

/// <summary>A participant's registration with its job: its uid, and the way it acknowledges a barrier.</summary>
internal sealed class ParticipantHandle
{
    private readonly JobRuntime _runtime;
    private readonly ICheckpointParticipant _participant;

    internal ParticipantHandle(JobRuntime runtime, ICheckpointParticipant participant, string uid, string operatorName, TaskInfo task)
    {
        Task = task;
        _runtime = runtime;
        _participant = participant;
        Uid = uid;
        OperatorName = operatorName;
    }

    /// <summary>The operator's stable id in checkpoints.</summary>
    public string Uid { get; }

    /// <summary>The operator's name, for messages.</summary>
    public string OperatorName { get; }

    /// <summary>The participant's task.</summary>
    public TaskInfo Task { get; }

    internal ICheckpointParticipant Participant => _participant;

    /// <summary>
    /// The participant's input ended: from now on the job acknowledges checkpoints for it with its final state (no barrier
    /// will reach it), so checkpoints of a job whose other inputs go on still complete.
    /// </summary>
    public void Finish() => _runtime.Finish(this);

    /// <summary>The barrier of <paramref name="checkpointId"/> reached the participant on every input: snapshot and acknowledge.</summary>
    public void OnBarrier(long checkpointId) => _runtime.Acknowledge(this, checkpointId, _participant.Snapshot(checkpointId));
}
