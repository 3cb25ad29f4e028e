using System;
using System.Collections.Generic;

namespace RxStreams.RocksDb;

/// <summary>
/// Which SST files of one RocksDB instance a completed checkpoint already stored, and under which shared key (Flink's
/// shared state registry, per backend): a later checkpoint references them instead of writing them again. A file
/// counts once the checkpoint that wrote it completed, so a failed checkpoint's files are written again. Thread-safe:
/// completions arrive on the job's scheduler.
/// </summary>
internal sealed class SharedSstRegistry
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _confirmed = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, Dictionary<string, string>> _pending = [];

    /// <summary>The shared key of SST <paramref name="file"/>, when a completed checkpoint stored it.</summary>
    public bool TryGetStored(string file, out string key)
    {
        lock (_gate)
        {
            return _confirmed.TryGetValue(file, out key!);
        }
    }

    /// <summary>The files checkpoint <paramref name="checkpointId"/> references, to count as stored once it completes.</summary>
    public void Written(long checkpointId, Dictionary<string, string> files)
    {
        lock (_gate)
        {
            _pending[checkpointId] = files;
        }
    }

    /// <summary>Checkpoint <paramref name="checkpointId"/> is durable: its files (and none of older pending ones) count as stored.</summary>
    public void Completed(long checkpointId)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(checkpointId, out var files))
            {
                return;
            }

            // The newest completed checkpoint lists every live SST: older confirmations that it lacks were compacted away.
            _confirmed.Clear();
            foreach (var (file, key) in files)
            {
                _confirmed[file] = key;
            }

            foreach (var id in new List<long>(_pending.Keys))
            {
                if (id <= checkpointId)
                {
                    _pending.Remove(id);
                }
            }
        }
    }

    /// <summary>After a restore from an incremental checkpoint: its files are stored already.</summary>
    public void Restored(Dictionary<string, string> files)
    {
        lock (_gate)
        {
            _confirmed.Clear();
            foreach (var (file, key) in files)
            {
                _confirmed[file] = key;
            }
        }
    }
}
