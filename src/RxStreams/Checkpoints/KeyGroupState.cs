using System;

namespace RxStreams.Checkpoints;

/// <summary>
/// The keyed state of one key group of an operator: the unit in which keyed state is snapshotted and redistributed
/// when the parallelism changes (Flink's key-group-indexed snapshots). Equality compares <see cref="Data"/> by
/// reference, not by content.
/// </summary>
/// <param name="KeyGroup">The key group, from 0 to <see cref="CheckpointSnapshot.MaxParallelism"/> - 1.</param>
/// <param name="Data">The serialized state of the keys in that group.</param>
public readonly record struct KeyGroupState(int KeyGroup, ReadOnlyMemory<byte> Data);
