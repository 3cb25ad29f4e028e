using System;

namespace RxStreams.Checkpoints;

/// <summary>
/// The non-keyed state of one parallel subtask of an operator, such as a source's read position. Equality compares
/// <see cref="Data"/> by reference, not by content.
/// </summary>
/// <param name="Subtask">The subtask index, from 0 to <paramref name="Parallelism"/> - 1.</param>
/// <param name="Parallelism">How many subtasks the operator ran with when the snapshot was taken.</param>
/// <param name="Data">The serialized state of that subtask.</param>
public readonly record struct SubtaskState(int Subtask, int Parallelism, ReadOnlyMemory<byte> Data);
