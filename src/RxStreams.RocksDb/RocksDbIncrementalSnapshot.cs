using System;
using System.Collections.Generic;
using System.IO;
using RxStreams.Checkpoints;
using RxStreams.State;

namespace RxStreams.RocksDb;

/// <summary>
/// An incremental checkpoint of one RocksDB instance: at the barrier RocksDB's Checkpoint API flushes the memtables
/// and hard-links the live files into a directory (the synchronous part); later, off the operator's thread, the SST
/// files no completed checkpoint stored are read as new shared files, the others referenced by key, and the small
/// private files inlined into the handle.
/// </summary>
internal sealed class RocksDbIncrementalSnapshot : INativeSnapshot
{
    private readonly long _checkpointId;
    private readonly string _directory;
    private readonly string _instance;
    private readonly SharedSstRegistry _registry;

    private RocksDbIncrementalSnapshot(long checkpointId, string directory, string instance, SharedSstRegistry registry)
    {
        _checkpointId = checkpointId;
        _directory = directory;
        _instance = instance;
        _registry = registry;
    }

    public string Backend => IncrementalHandle.Backend;

    /// <summary>Takes the RocksDB checkpoint of <paramref name="store"/> now.</summary>
    public static RocksDbIncrementalSnapshot Take(RocksDbStore store, long checkpointId, string instance, SharedSstRegistry registry)
    {
        var directory = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{store.Directory}.chk-{checkpointId}");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        using (var checkpoint = store.Db.Checkpoint())
        {
            checkpoint.Save(directory, 0);
        }

        return new RocksDbIncrementalSnapshot(checkpointId, directory, instance, registry);
    }

    public byte[] Complete(List<SharedStateFile> shared)
    {
        try
        {
            var handle = new IncrementalHandle();
            foreach (var path in Directory.GetFiles(_directory))
            {
                var name = Path.GetFileName(path);
                if (!name.EndsWith(".sst", StringComparison.Ordinal))
                {
                    handle.Private[name] = File.ReadAllBytes(path);
                }
                else if (_registry.TryGetStored(name, out var key))
                {
                    handle.Shared[name] = key;
                    shared.Add(new SharedStateFile(key, ReadOnlyMemory<byte>.Empty));
                }
                else
                {
                    // SST numbers are unique only within an instance: the key names the instance too.
                    key = _instance + "-" + name;
                    handle.Shared[name] = key;
                    shared.Add(new SharedStateFile(key, File.ReadAllBytes(path)));
                }
            }

            _registry.Written(_checkpointId, new Dictionary<string, string>(handle.Shared, StringComparer.Ordinal));
            return handle.Encode();
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
