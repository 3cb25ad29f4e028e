using System;
using RocksDbSharp;
using RxStreams.State;

namespace RxStreams.RocksDb;

/// <summary>One value per key in RocksDB (value, reducing and aggregating state): the row is the serialized value.</summary>
internal sealed class RocksDbValueTable<TKey, TValue> : RocksDbTable<TKey>
    where TKey : notnull
{
    private readonly IStateSerializer<TValue> _serializer;

    public RocksDbValueTable(RocksDbKeyedStateBackend<TKey> backend, StateDescriptor descriptor, IStateSerializer<TValue> serializer)
        : base(backend, descriptor) => _serializer = serializer;

    public override Type ValueType => typeof(TValue);

    protected override string SerializerPart => SerializerIds.Part(_serializer);

    /// <summary>The current key's value, if it has one that has not expired (or may be returned expired, once).</summary>
    public bool TryGet(out TValue value)
    {
        if (!ReadVisible())
        {
            value = default!;
            return false;
        }

        value = Deserialize();
        if (ExpiredRead)
        {
            FreeCurrent();
        }

        return true;
    }

    /// <summary>The current key's value for an update, without touching it; false when absent or expired.</summary>
    public bool TryGetForUpdate(out TValue value)
    {
        if (!Row.Read(Store, Backend.CurrentPrefix, Family) || (Ttl != 0 && Expired(RowKeys.LastAccess(Row.Span), Now())))
        {
            value = default!;
            return false;
        }

        value = Deserialize();
        return true;
    }

    /// <summary>Sets the current key's value; restarts the time to live.</summary>
    public void Set(TValue value)
    {
        var prefix = Backend.CurrentPrefix;
        Output.Reset();
        if (Ttl != 0)
        {
            var existed = Row.Read(Store, prefix, Family);
            WriteHeader(prefix, existed, existed ? RowKeys.QueuedExpiry(Row.Span) : 0, Now());
        }

        _serializer.Write(Output, value);
        Store.Db.Put(prefix, Output.WrittenSpan, Family, Store.WriteOptions);
    }

    /// <summary>Frees the current key's value.</summary>
    public void Remove() => Store.Db.Remove(Backend.CurrentPrefix, Family, Store.WriteOptions);

    public override void WriteCanonical(Iterator iterator, KeyGroupWriter<TKey> writer) => CanonicalRows.WriteValues(iterator, writer, Ttl != 0, int.MaxValue);

    protected override void ReadEntry(ref StateReader reader, ReadOnlySpan<byte> prefix)
    {
        var start = reader.Position;
        _serializer.Read(ref reader);
        var value = reader.ReadSince(start);
        Output.Reset();
        if (Ttl != 0)
        {
            RestoreHeader(Output, prefix, reader.ReadVarInt64());
        }

        Output.WriteBytes(value);
        Backend.PutRestored(prefix, Output.WrittenSpan, Family);
    }

    protected override void DeleteKey(ReadOnlySpan<byte> prefix, WriteBatch batch) => batch.Delete(prefix, Family);

    private TValue Deserialize()
    {
        var reader = new StateReader(Row.Span[Header..]);
        return _serializer.Read(ref reader);
    }
}
