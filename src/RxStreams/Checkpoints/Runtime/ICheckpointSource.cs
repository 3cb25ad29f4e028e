namespace RxStreams.Checkpoints;

/// <summary>A participant that starts checkpoints: it records its position and emits the barrier in-band, on its own thread.</summary>
internal interface ICheckpointSource : ICheckpointParticipant
{
    /// <summary>Snapshots the position (through its handle) and sends barrier <paramref name="checkpointId"/> downstream.</summary>
    void EmitBarrier(long checkpointId);
}
