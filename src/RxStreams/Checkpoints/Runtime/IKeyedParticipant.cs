namespace RxStreams.Checkpoints;

/// <summary>
/// A participant whose state is partitioned by key and written by key group: in a parallel job its task must receive
/// its records through a hash exchange, so that each key's state lives in the task that owns the key's group.
/// </summary>
internal interface IKeyedParticipant : ICheckpointParticipant
{
}
