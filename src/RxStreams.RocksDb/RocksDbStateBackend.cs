using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reactive.Concurrency;
using RxStreams.Checkpoints;
using RxStreams.State;

namespace RxStreams.RocksDb;

/// <summary>
/// Keeps keyed process-function state in embedded RocksDB instances on local disk (Flink's
/// <c>EmbeddedRocksDBStateBackend</c>): state larger than memory, serialized per key on every access (slower than the
/// heap), and optionally incremental checkpoints. Switch a job to it with one line:
/// <c>new CheckpointOptions { StateBackend = new RocksDbStateBackend("/var/lib/myjob/rocksdb") }</c>. Each operator
/// subtask opens its own instance in a fresh subdirectory of <see cref="LocalDirectory"/>, deleted when its subscription
/// ends; the local directory is working space, not durable: checkpoints go to the job's checkpoint storage.
/// </summary>
public sealed class RocksDbStateBackend : StateBackend
{
    /// <summary>Creates the backend.</summary>
    /// <param name="localDirectory">Where the operators' RocksDB instances live while the job runs; created when missing.</param>
    /// <exception cref="ArgumentException"><paramref name="localDirectory"/> is null or empty.</exception>
    public RocksDbStateBackend(string localDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(localDirectory);
        LocalDirectory = Path.GetFullPath(localDirectory);
    }

    /// <summary>Where the operators' RocksDB instances live while the job runs.</summary>
    public string LocalDirectory { get; }

    /// <summary>
    /// Checkpoints hold only the RocksDB files (SST) that no earlier retained checkpoint holds; the others are referenced
    /// as shared files, kept by the storage while a retained checkpoint references them. A restore at the same
    /// parallelism opens the files; at another parallelism, or into the heap backend, it reads key-group ranges out of
    /// them. Savepoints are always full and canonical. Default false: full checkpoints in the key-group format.
    /// </summary>
    public bool IncrementalCheckpoints { get; init; }

    internal override KeyedStateBackend<TKey> CreateKeyedStateBackend<TKey>(IEqualityComparer<TKey> comparer, string operatorName, IScheduler? clock, TaskInfo task)
    {
        Directory.CreateDirectory(LocalDirectory);
        var name = string.Create(CultureInfo.InvariantCulture, $"{Sanitize(operatorName)}-{task.Subtask}-{Guid.NewGuid():N}");
        var store = new RocksDbStore(Path.Combine(LocalDirectory, name));
        return new RocksDbKeyedStateBackend<TKey>(store, this, comparer, operatorName, clock);
    }

    private static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[i]))
            {
                chars[i] = '_';
            }
        }

        return chars.Length > 40 ? new string(chars, 0, 40) : new string(chars);
    }
}
