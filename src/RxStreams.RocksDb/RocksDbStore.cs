using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using RocksDbSharp;

namespace RxStreams.RocksDb;

/// <summary>
/// One RocksDB instance in a directory of its own, with a column family per declared state. The write-ahead log is
/// off (checkpoints make state durable, as in Flink). Closed, and its directory deleted, when the owner disposes it
/// and no asynchronous snapshot still reads it.
/// </summary>
internal sealed class RocksDbStore : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ColumnFamilyHandle> _families = new(StringComparer.Ordinal);
    private readonly DbOptions _options;
    private readonly ColumnFamilyOptions _familyOptions;
    private int _leases;
    private bool _disposeRequested;

    /// <summary>Opens the instance in <paramref name="directory"/>: a fresh one, or the files of an incremental checkpoint copied there.</summary>
    public RocksDbStore(string directory)
    {
        Directory = directory;
        _options = new DbOptions()
            .SetCreateIfMissing(true)
            .SetCreateMissingColumnFamilies(true)
            .SetKeepLogFileNum(1)
            .SetInfoLogLevel(InfoLogLevel.Error);

        // Point lookups dominate (a state read per record): a Bloom filter per SST file and a block cache, as Flink's
        // RocksDB tuning guide recommends.
        _familyOptions = new ColumnFamilyOptions().SetBlockBasedTableFactory(
            new BlockBasedTableOptions()
                .SetFilterPolicy(BloomFilterPolicy.Create(10, false))
                .SetWholeKeyFiltering(true)
                .SetBlockCache(Cache.CreateLru(64UL << 20)));
        Db = Open();
        WriteOptions = new WriteOptions().DisableWal(1);
    }

    /// <summary>
    /// Closes the instance, replaces its directory with the files <paramref name="write"/> puts there (a checkpoint's),
    /// and opens it again; column family handles change, so the states fetch theirs again.
    /// </summary>
    public void Reopen(Action<string> write)
    {
        Db.Dispose();
        _families.Clear();
        System.IO.Directory.Delete(Directory, recursive: true);
        System.IO.Directory.CreateDirectory(Directory);
        write(Directory);
        Db = Open();
    }

    private RocksDbSharp.RocksDb Open()
    {
        var families = new ColumnFamilies();
        if (RocksDbSharp.RocksDb.TryListColumnFamilies(_options, Directory, out var existing))
        {
            foreach (var name in existing)
            {
                if (name != ColumnFamilies.DefaultName)
                {
                    families.Add(name, _familyOptions);
                }
            }
        }

        var db = RocksDbSharp.RocksDb.Open(_options, Directory, families);
        foreach (var name in families.Names)
        {
            if (name != ColumnFamilies.DefaultName)
            {
                _families[name] = db.GetColumnFamily(name);
            }
        }

        return db;
    }

    /// <summary>The instance's directory.</summary>
    public string Directory { get; }

    /// <summary>The open instance.</summary>
    public RocksDbSharp.RocksDb Db { get; private set; }

    /// <summary>Writes without the write-ahead log.</summary>
    public WriteOptions WriteOptions { get; }

    /// <summary>True once the owner disposed the store; states must not touch it then.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposeRequested);

    /// <summary>The column family <paramref name="name"/>, created when missing.</summary>
    public ColumnFamilyHandle Family(string name)
    {
        if (!_families.TryGetValue(name, out var family))
        {
            family = Db.CreateColumnFamily(_familyOptions, name);
            _families.Add(name, family);
        }

        return family;
    }

    /// <summary>The column families, by name.</summary>
    public IReadOnlyDictionary<string, ColumnFamilyHandle> Families => _families;

    /// <summary>Keeps the instance open until <see cref="Release"/>, for a snapshot written off the operator's thread; false when it is already closing.</summary>
    public bool TryLease()
    {
        lock (_gate)
        {
            if (_disposeRequested)
            {
                return false;
            }

            _leases++;
            return true;
        }
    }

    /// <summary>Ends a lease; the last one closes an instance whose owner is gone.</summary>
    public void Release()
    {
        bool close;
        lock (_gate)
        {
            close = --_leases == 0 && _disposeRequested;
        }

        if (close)
        {
            Close();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        bool close;
        lock (_gate)
        {
            if (_disposeRequested)
            {
                return;
            }

            _disposeRequested = true;
            close = _leases == 0;
        }

        if (close)
        {
            Close();
        }
    }

    private void Close()
    {
        Db.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover local directory costs disk, not correctness: each subscription opens a fresh one.
        }
    }
}
