using System.Collections.Generic;
using RxStreams.Checkpoints;

namespace RxStreams.State;

/// <summary>
/// Reads a backend's own snapshot files back as canonical key groups, for a restore into another backend (the heap
/// restoring an incremental RocksDB checkpoint). Implemented in the backend's package and found by name.
/// </summary>
internal interface INativeStateReader
{
    /// <summary>The canonical state sections of the key groups <paramref name="task"/> owns, out of every subtask's handle in <paramref name="snapshot"/>.</summary>
    List<KeyGroupState> ReadKeyGroups<TKey>(OperatorSnapshot snapshot, TaskInfo task, IStateSerializer<TKey> keys)
        where TKey : notnull;
}
