using RxStreams.State;

namespace RxStreams.RocksDb;

/// <summary>
/// A RocksDB state as of a barrier: an iterator over the checkpoint's RocksDB snapshot, run later and off the
/// operator's thread, writes the canonical key-group entries the heap backend writes for the same state.
/// </summary>
internal sealed class RocksDbCapturedTable<TKey>(RocksDbTable<TKey> table, RocksDbSnapshotLease snapshot, string section) : ICapturedTable<TKey>
    where TKey : notnull
{
    public void Write(KeyGroupWriter<TKey> writer)
    {
        try
        {
            writer.BeginSection(section);
            using var iterator = snapshot.Store.Db.NewIterator(table.StateFamily, snapshot.ReadOptions);
            iterator.SeekToFirst();
            table.WriteCanonical(iterator, writer);
        }
        finally
        {
            snapshot.Release();
        }
    }
}
