namespace RxStreams.Checkpoints;

/// <summary>A participant that starts checkpoints: it records its position and emits the barrier in-band, on its own thread.</summary>
internal interface ICheckpointSource : ICheckpointParticipant
{
    /// <summary>
    /// Snapshots the position (through its handle) and sends barrier <paramref name="checkpointId"/> downstream; with
    /// <paramref name="suspend"/> (stop-with-savepoint) it then reads nothing more until <see cref="Resume"/>, so no
    /// record after the savepoint reaches the output.
    /// </summary>
    void EmitBarrier(long checkpointId, bool suspend);

    /// <summary>Reads on after a suspending barrier whose savepoint failed.</summary>
    void Resume();
}
