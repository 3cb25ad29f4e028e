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
    private readonly SortedDictionary<long, (byte[] Data, bool IsSavepoint, string[] Shared)> _stored = [];
    private readonly Dictionary<string, byte[]> _shared = new(StringComparer.Ordinal);

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
            if (_stored.ContainsKey(snapshot.CheckpointId))
            {
                throw new CheckpointStorageException(
                    string.Create(CultureInfo.InvariantCulture, $"Checkpoint {snapshot.CheckpointId} is already stored."), null, snapshot.CheckpointId);
            }

            foreach (var file in snapshot.SharedFiles.Values)
            {
                if (file.Data.IsEmpty && !_shared.ContainsKey(file.Key))
                {
                    throw new CheckpointStorageException(
                        string.Create(CultureInfo.InvariantCulture, $"Checkpoint {snapshot.CheckpointId} references shared file '{file.Key}', which no retained checkpoint stored."), null, snapshot.CheckpointId);
                }
            }

            foreach (var file in snapshot.SharedFiles.Values)
            {
                if (!file.Data.IsEmpty)
                {
                    _shared[file.Key] = file.Data.ToArray();
                }
            }

            _stored.Add(snapshot.CheckpointId, (writer.ToArray(), snapshot.IsSavepoint, [.. snapshot.SharedFiles.Keys]));
            var checkpoints = _stored.Where(e => !e.Value.IsSavepoint).Select(e => e.Key);
            foreach (var id in CheckpointRetention.Expired(checkpoints, RetainedCheckpoints))
            {
                _stored.Remove(id);
            }

            // A shared file lives while a retained checkpoint references it.
            var referenced = _stored.Values.SelectMany(e => e.Shared).ToHashSet(StringComparer.Ordinal);
            foreach (var key in _shared.Keys.Where(k => !referenced.Contains(k)).ToArray())
            {
                _shared.Remove(key);
            }
        }
    }

    /// <summary>The keys of the shared files held (for tests of retention).</summary>
    public IReadOnlyList<string> SharedFileKeys
    {
        get
        {
            lock (_gate)
            {
                return _shared.Keys.Order(StringComparer.Ordinal).ToArray();
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
        SharedStateFile[] shared;
        lock (_gate)
        {
            var entry = _stored.TryGetValue(checkpointId, out var found)
                ? found
                : throw new CheckpointStorageException(
                    string.Create(CultureInfo.InvariantCulture, $"No checkpoint {checkpointId} in memory; held: [{string.Join(", ", _stored.Keys)}]."), null, checkpointId);
            data = entry.Data;
            shared = entry.Shared.Select(key => new SharedStateFile(key, _shared[key])).ToArray();
        }

        return CheckpointDataFormat.Read(data, string.Create(CultureInfo.InvariantCulture, $"memory:chk-{checkpointId}"), checkpointId).WithSharedFiles(shared);
    }
}
