using System;
using RocksDbSharp;
using RxStreams.State;

namespace RxStreams.RocksDb;

/// <summary>
/// One named state in RocksDB: a column family, and with a time to live an expiry index (a second column family
/// ordered by expiry) so expired keys are freed as time passes, in time order, whether or not they are read again,
/// as on the heap. The row at a key's prefix carries its last access and the expiry queued for it.
/// </summary>
internal abstract class RocksDbTable<TKey> : IStateTable<TKey>, IRocksDbTable, IDisposable
    where TKey : notnull
{
    private ColumnFamilyHandle? _expiries;
    private readonly StateWriter _indexKey = new(64);
    private readonly WriteBatch _batch = new();
    private RocksDbSnapshotLease? _snapshot;
    private long _nextExpiry = long.MaxValue;

    protected RocksDbTable(RocksDbKeyedStateBackend<TKey> backend, StateDescriptor descriptor)
    {
        Backend = backend;
        Store = backend.Store;
        Descriptor = descriptor;
        Family = Store.Family(KeyedStateBackend<TKey>.StateSection + descriptor.Name);
        TtlConfig = descriptor.Ttl;
        if (TtlConfig is not null)
        {
            Ttl = TtlConfig.Milliseconds;
            _expiries = Store.Family("ttl:" + descriptor.Name);
        }
    }

    public StateDescriptor Descriptor { get; }

    public abstract Type ValueType { get; }

    /// <summary>The serializer id part of <see cref="Schema"/>, the same the heap backend writes.</summary>
    protected abstract string SerializerPart { get; }

    public string Schema => $"{Descriptor.Kind} {SerializerPart}{(Ttl != 0 ? " ttl" : string.Empty)}";

    protected RocksDbKeyedStateBackend<TKey> Backend { get; }

    protected RocksDbStore Store { get; }

    protected ColumnFamilyHandle Family { get; private set; }

    protected StateTtlConfig? TtlConfig { get; }

    /// <summary>The time to live in milliseconds; 0 without one.</summary>
    protected long Ttl { get; }

    /// <summary>The size of the time-to-live header at the start of a key's row.</summary>
    protected int Header => Ttl != 0 ? RowKeys.TtlHeader : 0;

    /// <summary>A reused buffer for the row the state reads.</summary>
    protected RawRow Row { get; } = new();

    /// <summary>A reused buffer for the row the state writes.</summary>
    protected StateWriter Output { get; } = new(64);

    public int Count
    {
        get
        {
            var count = 0;
            using var iterator = Store.Db.NewIterator(Family);
            byte[]? last = null;
            for (iterator.SeekToFirst(); iterator.Valid(); iterator.Next())
            {
                var key = iterator.GetKeySpan();
                var prefix = key[..RowKeys.PrefixLength(key, Backend.KeySerializer)];
                if (last is null || !prefix.SequenceEqual(last))
                {
                    last = prefix.ToArray();
                    count++;
                }
            }

            return count;
        }
    }

    public void PrepareSerializer(string operatorName)
    {
        // Resolved when the state was declared: every access serializes.
    }

    public void UseSnapshot(RocksDbSnapshotLease? snapshot) => _snapshot = snapshot;

    /// <summary>Returns the table's buffers; the store itself is the backend's to close.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _batch.Dispose();
            _indexKey.Dispose();
            Output.Dispose();
        }
    }

    public ICapturedTable<TKey> Capture(string section)
    {
        var snapshot = _snapshot ?? throw new InvalidOperationException("A RocksDB state was captured without the backend's snapshot.");
        _snapshot = null;
        return new RocksDbCapturedTable<TKey>(this, snapshot, section);
    }

    /// <summary>Writes every key's state read through <paramref name="iterator"/> as canonical entries of the current section.</summary>
    public abstract void WriteCanonical(Iterator iterator, KeyGroupWriter<TKey> writer);

    public void ReadSection(ref StateReader reader, int keyGroup, IStateSerializer<TKey> keys)
    {
        using var prefix = new StateWriter(64);
        while (reader.ReadByte() != 0)
        {
            prefix.Reset();
            RowKeys.WriteKeyGroup(prefix, keyGroup);
            var start = reader.Position;
            keys.Read(ref reader);
            prefix.WriteBytes(reader.ReadSince(start));
            ReadEntry(ref reader, prefix.WrittenSpan);
        }
    }

    /// <summary>Reads the rest of one canonical entry, after its key, into the rows of the key whose prefix is <paramref name="prefix"/>.</summary>
    protected abstract void ReadEntry(ref StateReader reader, ReadOnlySpan<byte> prefix);

    /// <summary>The column family, for the snapshot iterators.</summary>
    public ColumnFamilyHandle StateFamily => Family;

    public int CleanUp(long now)
    {
        if (_expiries is null || now < _nextExpiry || Store.IsDisposed)
        {
            return 0;
        }

        var removed = 0;
        var next = long.MaxValue;
        using var batch = new WriteBatch();
        using (var iterator = Store.Db.NewIterator(_expiries))
        {
            for (iterator.SeekToFirst(); iterator.Valid(); iterator.Next())
            {
                var indexKey = iterator.GetKeySpan();
                var expiry = RowKeys.Expiry(indexKey);
                if (expiry > now)
                {
                    next = Math.Min(next, expiry);
                    break;
                }

                batch.Delete(indexKey, _expiries);
                var prefix = indexKey[RowKeys.ExpiryPrefix..];
                if (!Row.Read(Store, prefix, Family) || RowKeys.QueuedExpiry(Row.Span) != expiry)
                {
                    // The key was freed (and perhaps created again with an expiry of its own) since this was queued.
                    continue;
                }

                var due = EventTime.Add(RowKeys.LastAccess(Row.Span), Ttl);
                if (due <= now)
                {
                    DeleteKey(prefix, batch);
                    removed++;
                }
                else
                {
                    RowKeys.SetQueuedExpiry(Row.Span, due);
                    batch.Put(prefix, Row.Span, Family);
                    batch.Put(IndexKey(due, prefix), Array.Empty<byte>(), _expiries);
                    next = Math.Min(next, due);
                }
            }
        }

        Store.Db.Write(batch, Store.WriteOptions);
        _nextExpiry = next;
        return removed;
    }

    /// <summary>True when the last <see cref="ReadVisible"/> returned an expired row, which the caller frees after reading it.</summary>
    protected bool ExpiredRead { get; private set; }

    /// <summary>
    /// Reads the row at the current key's prefix into <see cref="Row"/> and applies the time to live: false when it is
    /// absent, or expired and not to be returned (it is freed then); an expired row that may be returned once sets
    /// <see cref="ExpiredRead"/>. A read restarts the time to live with <see cref="StateTtlUpdate.OnReadAndWrite"/>.
    /// </summary>
    protected bool ReadVisible()
    {
        ExpiredRead = false;
        var prefix = Backend.CurrentPrefix;
        if (!Row.Read(Store, prefix, Family))
        {
            return false;
        }

        if (Ttl == 0)
        {
            return true;
        }

        var now = Now();
        if (Expired(RowKeys.LastAccess(Row.Span), now))
        {
            ExpiredRead = true;
            if (TtlConfig!.Visibility == StateVisibility.ReturnExpiredIfNotCleanedUp)
            {
                return true;
            }

            FreeCurrent();
            return false;
        }

        if (TtlConfig!.UpdateType == StateTtlUpdate.OnReadAndWrite)
        {
            RowKeys.SetLastAccess(Row.Span, now);
            Store.Db.Put(prefix, Row.Span, Family, Store.WriteOptions);
        }

        return true;
    }

    /// <summary>Frees every row of the current key.</summary>
    protected void FreeCurrent()
    {
        _batch.Clear();
        DeleteKey(Backend.CurrentPrefix, _batch);
        Store.Db.Write(_batch, Store.WriteOptions);
    }

    /// <summary>Deletes every row of the key whose prefix is <paramref name="prefix"/>.</summary>
    protected abstract void DeleteKey(ReadOnlySpan<byte> prefix, WriteBatch batch);

    /// <summary>The current time on the state's time-to-live clock.</summary>
    protected long Now() => TtlConfig!.TimeDomain == TimeDomain.EventTime ? Backend.CurrentEventTime : Backend.ProcessingTime();

    protected bool Expired(long lastAccess, long now) => EventTime.Add(lastAccess, Ttl) <= now;

    /// <summary>
    /// Writes the time-to-live header of a key's row touched at <paramref name="now"/> into <see cref="Output"/>: a key
    /// whose row existed keeps its queued expiry; a new one is queued at <paramref name="now"/> + ttl.
    /// </summary>
    protected void WriteHeader(ReadOnlySpan<byte> prefix, bool rowExisted, long queuedExpiry, long now)
    {
        if (!rowExisted)
        {
            queuedExpiry = EventTime.Add(now, Ttl);
            Store.Db.Put(IndexKey(queuedExpiry, prefix), ReadOnlySpan<byte>.Empty, _expiries!, Store.WriteOptions);
            _nextExpiry = Math.Min(_nextExpiry, queuedExpiry);
        }

        RowKeys.WriteTtlHeader(Output, now, queuedExpiry);
    }

    /// <summary>Restores a key's time-to-live header: queued at its last access + ttl, as the heap does.</summary>
    protected void RestoreHeader(StateWriter row, ReadOnlySpan<byte> prefix, long lastAccess)
    {
        var expiry = EventTime.Add(lastAccess, Ttl);
        RowKeys.WriteTtlHeader(row, lastAccess, expiry);
        Backend.PutRestored(IndexKey(expiry, prefix), ReadOnlySpan<byte>.Empty, _expiries!);
        _nextExpiry = Math.Min(_nextExpiry, expiry);
    }

    /// <summary>After the store was opened on existing files: fetches the column families again and finds the earliest queued expiry.</summary>
    public void Rebind()
    {
        Family = Store.Family(KeyedStateBackend<TKey>.StateSection + Descriptor.Name);
        if (_expiries is not null)
        {
            _expiries = Store.Family("ttl:" + Descriptor.Name);
        }

        FindNextExpiry();
    }

    /// <summary>After rows were copied in directly, finds the earliest queued expiry.</summary>
    public void FindNextExpiry()
    {
        if (_expiries is null)
        {
            return;
        }

        using var iterator = Store.Db.NewIterator(_expiries);
        iterator.SeekToFirst();
        _nextExpiry = iterator.Valid() ? RowKeys.Expiry(iterator.GetKeySpan()) : long.MaxValue;
    }

    private ReadOnlySpan<byte> IndexKey(long expiry, ReadOnlySpan<byte> prefix)
    {
        _indexKey.Reset();
        RowKeys.WriteExpiry(_indexKey, expiry);
        _indexKey.WriteBytes(prefix);
        return _indexKey.WrittenSpan;
    }
}
