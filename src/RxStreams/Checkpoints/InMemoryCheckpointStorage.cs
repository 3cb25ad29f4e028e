using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RxStreams.State;

namespace RxStreams.Checkpoints;

/// <summary>
/// Checkpoint storage in memory, for tests. Snapshots are kept in their serialized form, so a loaded snapshot is a
/// copy that later changes to the stored one's buffers cannot affect. Thread-safe.
/// </summary>
public sealed class InMemoryCheckpointStorage : ICheckpointStorage
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, (byte[] Data, bool IsSavepoint)> _stored = [];

    /// <summary>Creates an empty storage.</summary>
    /// <param name="retained">How many of the latest checkpoints to keep; at least 1.</param>
    public InMemoryCheckpointStorage(int retained = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retained, 1);
        RetainedCheckpoints = retained;
    }

    /// <inheritdoc />
    public int RetainedCheckpoints { get; }

    /// <inheritdoc />
    public IReadOnlyList<long> CompletedCheckpointIds
    {
        get
        {
            lock (_gate)
            {
                return _stored.Keys.ToArray();
            }
        }
    }

    /// <inheritdoc />
    public void Store(CheckpointSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var writer = new StateWriter();
        CheckpointDataFormat.Write(writer, snapshot);
        lock (_gate)
        {
            if (!_stored.TryAdd(snapshot.CheckpointId, (writer.ToArray(), snapshot.IsSavepoint)))
            {
                throw new CheckpointStorageException(
                    string.Create(CultureInfo.InvariantCulture, $"Checkpoint {snapshot.CheckpointId} is already stored."), null, snapshot.CheckpointId);
            }

            var checkpoints = _stored.Where(e => !e.Value.IsSavepoint).Select(e => e.Key);
            foreach (var id in CheckpointRetention.Expired(checkpoints, RetainedCheckpoints))
            {
                _stored.Remove(id);
            }
        }
    }

    /// <inheritdoc />
    public CheckpointSnapshot? LoadLatest()
    {
        lock (_gate)
        {
            return _stored.Count == 0 ? null : Load(_stored.Keys.Last());
        }
    }

    /// <inheritdoc />
    public CheckpointSnapshot Load(long checkpointId)
    {
        byte[] data;
        lock (_gate)
        {
            data = _stored.TryGetValue(checkpointId, out var entry)
                ? entry.Data
                : throw new CheckpointStorageException(
                    string.Create(CultureInfo.InvariantCulture, $"No checkpoint {checkpointId} in memory; held: [{string.Join(", ", _stored.Keys)}]."), null, checkpointId);
        }

        return CheckpointDataFormat.Read(data, string.Create(CultureInfo.InvariantCulture, $"memory:chk-{checkpointId}"), checkpointId);
    }
}
