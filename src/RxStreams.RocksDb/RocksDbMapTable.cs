using System;
using System.Collections.Generic;
using RocksDbSharp;
using RxStreams.State;

namespace RxStreams.RocksDb;

/// <summary>
/// A map per key in RocksDB: a row per map entry, keyed by the key's prefix and the serialized map key, so a lookup
/// reads one entry. With a time to live the map expires as a whole (as on the heap): a row at the bare prefix holds its
/// last access and queued expiry, and exists exactly while the map has entries.
/// </summary>
internal sealed class RocksDbMapTable<TKey, TUserKey, TUserValue> : RocksDbTable<TKey>
    where TKey : notnull
    where TUserKey : notnull
{
    private readonly IStateSerializer<TUserKey> _keys;
    private readonly IStateSerializer<TUserValue> _values;
    private readonly IEqualityComparer<TUserKey> _comparer;
    private readonly string _schemaPart;
    private readonly StateWriter _rowKey = new(64);
    private readonly RawRow _entry = new();

    public RocksDbMapTable(
        RocksDbKeyedStateBackend<TKey> backend, MapStateDescriptor<TUserKey, TUserValue> descriptor, IStateSerializer<TUserKey> keys, IStateSerializer<TUserValue> values)
        : base(backend, descriptor)
    {
        _keys = keys;
        _values = values;
        _comparer = descriptor.Comparer;
        _schemaPart = SerializerIds.Part(new DictionarySerializer<TUserKey, TUserValue>(keys, values));
    }

    public override Type ValueType => typeof(Dictionary<TUserKey, TUserValue>);

    protected override string SerializerPart => _schemaPart;

    /// <summary>The value of <paramref name="userKey"/> in the current key's map.</summary>
    public bool TryGetValue(TUserKey userKey, out TUserValue value)
    {
        var alive = Ttl == 0 || ReadVisible();
        var found = alive && _entry.Read(Store, RowKey(userKey), Family);
        value = found ? ReadValue(_entry.Span) : default!;
        FreeIfExpiredRead();
        return found;
    }

    /// <summary>The current key's map, copied out of RocksDB.</summary>
    public Dictionary<TUserKey, TUserValue>? Entries()
    {
        if (Ttl != 0 && !ReadVisible())
        {
            return null;
        }

        Dictionary<TUserKey, TUserValue>? map = null;
        var prefix = Backend.CurrentPrefix;
        using (var iterator = Store.Db.NewIterator(Family))
        {
            for (iterator.Seek(prefix); iterator.Valid(); iterator.Next())
            {
                var key = iterator.GetKeySpan();
                if (!key.StartsWith(prefix))
                {
                    break;
                }

                if (key.Length == prefix.Length)
                {
                    continue;
                }

                var reader = new StateReader(key[prefix.Length..]);
                (map ??= new Dictionary<TUserKey, TUserValue>(_comparer)).Add(_keys.Read(ref reader), ReadValue(iterator.GetValueSpan()));
            }
        }

        FreeIfExpiredRead();
        return map;
    }

    /// <summary>True when the current key's map has an entry.</summary>
    public bool HasEntries()
    {
        if (Ttl != 0)
        {
            // The prefix row exists exactly while the map has entries.
            var visible = ReadVisible();
            FreeIfExpiredRead();
            return visible;
        }

        return FirstEntry();
    }

    /// <summary>Puts an entry into the current key's map; restarts the time to live.</summary>
    public void Put(TUserKey userKey, TUserValue value)
    {
        if (Ttl != 0)
        {
            Touch();
        }

        Output.Reset();
        _values.Write(Output, value);
        Store.Db.Put(RowKey(userKey), Output.WrittenSpan, Family, Store.WriteOptions);
    }

    /// <summary>Removes an entry; the map goes with its last entry.</summary>
    public bool Remove(TUserKey userKey)
    {
        if (Ttl != 0 && !ReadVisible())
        {
            return false;
        }

        var row = RowKey(userKey);
        if (!_entry.Read(Store, row, Family))
        {
            FreeIfExpiredRead();
            return false;
        }

        Store.Db.Remove(row, Family, Store.WriteOptions);
        if (ExpiredRead || !FirstEntry())
        {
            FreeCurrent();
        }

        return true;
    }

    /// <summary>Frees the current key's map.</summary>
    public void Clear() => FreeCurrent();

    public override void WriteCanonical(Iterator iterator, KeyGroupWriter<TKey> writer) =>
        CanonicalRows.WriteMaps(iterator, writer, Ttl != 0, int.MaxValue, Backend.KeySerializer);

    protected override void ReadEntry(ref StateReader reader, ReadOnlySpan<byte> prefix)
    {
        var count = reader.ReadLength(allowNull: true);
        for (var i = 0; i < count; i++)
        {
            var start = reader.Position;
            _keys.Read(ref reader);
            _rowKey.Reset();
            _rowKey.WriteBytes(prefix);
            _rowKey.WriteBytes(reader.ReadSince(start));
            start = reader.Position;
            _values.Read(ref reader);
            Backend.PutRestored(_rowKey.WrittenSpan, reader.ReadSince(start), Family);
        }

        if (Ttl != 0)
        {
            var lastAccess = reader.ReadVarInt64();
            if (count > 0)
            {
                Output.Reset();
                RestoreHeader(Output, prefix, lastAccess);
                Backend.PutRestored(prefix, Output.WrittenSpan, Family);
            }
        }
    }

    protected override void DeleteKey(ReadOnlySpan<byte> prefix, WriteBatch batch)
    {
        using var iterator = Store.Db.NewIterator(Family);
        for (iterator.Seek(prefix); iterator.Valid(); iterator.Next())
        {
            var key = iterator.GetKeySpan();
            if (!key.StartsWith(prefix))
            {
                break;
            }

            batch.Delete(key, Family);
        }
    }

    /// <summary>Restarts the current key's time to live before a write; an expired map's entries go first.</summary>
    private void Touch()
    {
        var prefix = Backend.CurrentPrefix;
        var now = Now();
        var existed = Row.Read(Store, prefix, Family);
        var queued = existed ? RowKeys.QueuedExpiry(Row.Span) : 0;
        if (existed && Expired(RowKeys.LastAccess(Row.Span), now))
        {
            FreeCurrent();
        }

        Output.Reset();
        WriteHeader(prefix, existed, queued, now);
        Store.Db.Put(prefix, Output.WrittenSpan, Family, Store.WriteOptions);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rowKey.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool FirstEntry()
    {
        var prefix = Backend.CurrentPrefix;
        using var iterator = Store.Db.NewIterator(Family);
        for (iterator.Seek(prefix); iterator.Valid(); iterator.Next())
        {
            var key = iterator.GetKeySpan();
            if (!key.StartsWith(prefix))
            {
                return false;
            }

            if (key.Length > prefix.Length)
            {
                return true;
            }
        }

        return false;
    }

    private void FreeIfExpiredRead()
    {
        if (ExpiredRead)
        {
            FreeCurrent();
        }
    }

    private ReadOnlySpan<byte> RowKey(TUserKey userKey)
    {
        _rowKey.Reset();
        _rowKey.WriteBytes(Backend.CurrentPrefix);
        _keys.Write(_rowKey, userKey);
        return _rowKey.WrittenSpan;
    }

    private TUserValue ReadValue(ReadOnlySpan<byte> bytes)
    {
        var reader = new StateReader(bytes);
        return _values.Read(ref reader);
    }
}
