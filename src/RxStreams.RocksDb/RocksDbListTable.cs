using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using RocksDbSharp;
using RxStreams.State;

namespace RxStreams.RocksDb;

/// <summary>
/// A list per key in RocksDB: the row is the element count (4 bytes) and the serialized elements, so an append copies
/// the bytes it finds and adds one element without reading the others back into objects.
/// </summary>
internal sealed class RocksDbListTable<TKey, T> : RocksDbTable<TKey>
    where TKey : notnull
{
    private readonly IStateSerializer<T> _element;
    private readonly string _schemaPart;

    public RocksDbListTable(RocksDbKeyedStateBackend<TKey> backend, StateDescriptor descriptor, IStateSerializer<T> element)
        : base(backend, descriptor)
    {
        _element = element;
        _schemaPart = SerializerIds.Part(new ListSerializer<T>(element));
    }

    public override Type ValueType => typeof(List<T>);

    protected override string SerializerPart => _schemaPart;

    /// <summary>The current key's elements; empty when it has none, or they expired.</summary>
    public IReadOnlyList<T> Values()
    {
        if (!ReadVisible())
        {
            return Array.Empty<T>();
        }

        var elements = Row.Span[Header..];
        var count = BinaryPrimitives.ReadInt32LittleEndian(elements);
        var reader = new StateReader(elements[4..]);
        var list = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(_element.Read(ref reader));
        }

        if (ExpiredRead)
        {
            FreeCurrent();
        }

        return list;
    }

    /// <summary>Appends <paramref name="values"/> (at least one) to the current key's list; restarts the time to live.</summary>
    public void Append(ReadOnlySpan<T> values, bool replace)
    {
        var prefix = Backend.CurrentPrefix;
        var existed = Row.Read(Store, prefix, Family);
        var now = Ttl != 0 ? Now() : 0;
        var keep = existed && !replace && (Ttl == 0 || !Expired(RowKeys.LastAccess(Row.Span), now));
        Output.Reset();
        if (Ttl != 0)
        {
            WriteHeader(prefix, existed, existed ? RowKeys.QueuedExpiry(Row.Span) : 0, now);
        }

        var old = keep ? Row.Span[Header..] : default;
        var count = (keep ? BinaryPrimitives.ReadInt32LittleEndian(old) : 0) + values.Length;
        var counter = Output.GetSpan(4);
        BinaryPrimitives.WriteInt32LittleEndian(counter, count);
        Output.Advance(4);
        if (keep)
        {
            Output.WriteBytes(old[4..]);
        }

        foreach (var value in values)
        {
            _element.Write(Output, value);
        }

        Store.Db.Put(prefix, Output.WrittenSpan, Family, Store.WriteOptions);
    }

    /// <summary>Frees the current key's list.</summary>
    public void Remove() => Store.Db.Remove(Backend.CurrentPrefix, Family, Store.WriteOptions);

    public override void WriteCanonical(Iterator iterator, KeyGroupWriter<TKey> writer) => CanonicalRows.WriteLists(iterator, writer, Ttl != 0, int.MaxValue);

    protected override void ReadEntry(ref StateReader reader, ReadOnlySpan<byte> prefix)
    {
        var count = reader.ReadLength(allowNull: true);
        var start = reader.Position;
        for (var i = 0; i < count; i++)
        {
            _element.Read(ref reader);
        }

        var elements = reader.ReadSince(start);
        var lastAccess = Ttl != 0 ? reader.ReadVarInt64() : 0;
        if (count <= 0)
        {
            return;
        }

        Output.Reset();
        if (Ttl != 0)
        {
            RestoreHeader(Output, prefix, lastAccess);
        }

        var counter = Output.GetSpan(4);
        BinaryPrimitives.WriteInt32LittleEndian(counter, count);
        Output.Advance(4);
        Output.WriteBytes(elements);
        Backend.PutRestored(prefix, Output.WrittenSpan, Family);
    }

    protected override void DeleteKey(ReadOnlySpan<byte> prefix, WriteBatch batch) => batch.Delete(prefix, Family);
}
