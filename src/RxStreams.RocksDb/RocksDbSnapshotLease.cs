using System.Threading;
using RocksDbSharp;

namespace RxStreams.RocksDb;

/// <summary>
/// A RocksDB snapshot taken at a barrier (the whole synchronous part of a checkpoint) and the read options that see
/// it, shared by the states written from it later; the last state to finish releases it and the store.
/// </summary>
internal sealed class RocksDbSnapshotLease
{
    private readonly RocksDbStore _store;
    private readonly Snapshot _snapshot;
    private int _users;

    private RocksDbSnapshotLease(RocksDbStore store, int users)
    {
        _store = store;
        _users = users;
        _snapshot = store.Db.CreateSnapshot();
        ReadOptions = new ReadOptions().SetSnapshot(_snapshot).SetFillCache(false);
    }

    /// <summary>Reads as of the barrier.</summary>
    public ReadOptions ReadOptions { get; }

    /// <summary>The store read.</summary>
    public RocksDbStore Store => _store;

    /// <summary>A snapshot that <paramref name="users"/> states will read; null when there are none.</summary>
    public static RocksDbSnapshotLease? Take(RocksDbStore store, int users)
    {
        if (users == 0)
        {
            return null;
        }

        if (!store.TryLease())
        {
            throw new System.ObjectDisposedException(nameof(RocksDbStore), "The RocksDB state backend was closed: its operator's subscription ended.");
        }

        return new RocksDbSnapshotLease(store, users);
    }

    /// <summary>One state finished reading.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _users) == 0)
        {
            _snapshot.Dispose();
            _store.Release();
        }
    }
}
