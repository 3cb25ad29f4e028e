using System.Collections.Generic;

namespace RxStreams.Checkpoints;

/// <summary>
/// Where completed checkpoints and savepoints are kept, like Flink's checkpoint storage. Keeps the last
/// <see cref="RetainedCheckpoints"/> checkpoints; savepoints are never deleted by retention.
/// </summary>
public interface ICheckpointStorage
{
    /// <summary>How many of the latest checkpoints (not savepoints) are kept.</summary>
    int RetainedCheckpoints { get; }

    /// <summary>The ids of the complete checkpoints and savepoints held, ascending.</summary>
    IReadOnlyList<long> CompletedCheckpointIds { get; }

    /// <summary>Stores <paramref name="snapshot"/>; it is durable when this returns. Then applies retention.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <exception cref="CheckpointStorageException">A complete checkpoint or savepoint with the same id is already stored, or writing failed.</exception>
    void Store(CheckpointSnapshot snapshot);

    /// <summary>The complete checkpoint or savepoint with the highest id, skipping torn or corrupt ones; null when there is none.</summary>
    CheckpointSnapshot? LoadLatest();

    /// <summary>The checkpoint or savepoint <paramref name="checkpointId"/>.</summary>
    /// <param name="checkpointId">Its id.</param>
    /// <exception cref="CheckpointStorageException">It is missing, torn, corrupt or of an unknown format version.</exception>
    CheckpointSnapshot Load(long checkpointId);
}
