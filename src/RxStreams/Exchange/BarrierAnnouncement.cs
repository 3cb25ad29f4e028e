namespace RxStreams.Exchanges;

/// <summary>Barrier <paramref name="CheckpointId"/> of an unaligned checkpoint will be the element at <paramref name="Position"/> of its channel.</summary>
/// <param name="CheckpointId">The checkpoint.</param>
/// <param name="Position">The barrier's position in the channel: every element before it was sent before the barrier.</param>
internal sealed record BarrierAnnouncement(long CheckpointId, long Position);
