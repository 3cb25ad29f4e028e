using System;
using System.Buffers.Binary;
using RocksDbSharp;
using RxStreams.State;

namespace RxStreams.RocksDb;

/// <summary>
/// Turns RocksDB rows into the canonical key-group entries the heap backend writes for the same state, from an
/// iterator positioned at the first row to write, up to the rows of key group <c>lastGroup</c>.
/// </summary>
internal static class CanonicalRows
{
    /// <summary>Value, reducing and aggregating state: the row is the value.</summary>
    public static void WriteValues<TKey>(Iterator iterator, KeyGroupWriter<TKey> writer, bool ttl, int lastGroup)
        where TKey : notnull =>
        WriteRows(iterator, writer, ttl, lastGroup, list: false);

    /// <summary>List state: the row is a 4-byte count and the elements; canonical is a varint count and the elements.</summary>
    public static void WriteLists<TKey>(Iterator iterator, KeyGroupWriter<TKey> writer, bool ttl, int lastGroup)
        where TKey : notnull =>
        WriteRows(iterator, writer, ttl, lastGroup, list: true);

    /// <summary>Map state: a key's entry rows (and, with a time to live, its bare-prefix row) become one dictionary.</summary>
    public static void WriteMaps<TKey>(Iterator iterator, KeyGroupWriter<TKey> writer, bool ttl, int lastGroup, IStateSerializer<TKey> keys)
        where TKey : notnull
    {
        using var entries = new StateWriter();
        using var prefix = new StateWriter(64);
        var count = 0;
        var lastAccess = 0L;
        var group = -1;
        for (; iterator.Valid(); iterator.Next())
        {
            var key = iterator.GetKeySpan();
            if (group < 0 || !key.StartsWith(prefix.WrittenSpan))
            {
                Flush(writer, prefix, entries, ref count, group, ttl, lastAccess);
                if (RowKeys.KeyGroup(key) > lastGroup)
                {
                    return;
                }

                prefix.Reset();
                prefix.WriteBytes(key[..RowKeys.PrefixLength(key, keys)]);
                group = RowKeys.KeyGroup(key);
            }

            if (key.Length == prefix.WrittenCount)
            {
                lastAccess = RowKeys.LastAccess(iterator.GetValueSpan());
                continue;
            }

            entries.WriteBytes(key[prefix.WrittenCount..]);
            entries.WriteBytes(iterator.GetValueSpan());
            count++;
        }

        Flush(writer, prefix, entries, ref count, group, ttl, lastAccess);
    }

    /// <summary>Writes the rows of <paramref name="kind"/> (a schema's first words: <c>map state</c>, <c>list state</c>, …).</summary>
    public static void Write<TKey>(string kind, Iterator iterator, KeyGroupWriter<TKey> writer, bool ttl, int lastGroup, IStateSerializer<TKey> keys)
        where TKey : notnull
    {
        if (kind.StartsWith("map state", StringComparison.Ordinal))
        {
            WriteMaps(iterator, writer, ttl, lastGroup, keys);
        }
        else if (kind.StartsWith("list state", StringComparison.Ordinal))
        {
            WriteLists(iterator, writer, ttl, lastGroup);
        }
        else
        {
            WriteValues(iterator, writer, ttl, lastGroup);
        }
    }

    private static void WriteRows<TKey>(Iterator iterator, KeyGroupWriter<TKey> writer, bool ttl, int lastGroup, bool list)
        where TKey : notnull
    {
        var header = ttl ? RowKeys.TtlHeader : 0;
        for (; iterator.Valid(); iterator.Next())
        {
            var key = iterator.GetKeySpan();
            var group = RowKeys.KeyGroup(key);
            if (group > lastGroup)
            {
                return;
            }

            var row = iterator.GetValueSpan();
            var output = writer.Entry(group, key[2..]);
            if (list)
            {
                output.WriteVarInt64(BinaryPrimitives.ReadInt32LittleEndian(row[header..]));
                output.WriteBytes(row[(header + 4)..]);
            }
            else
            {
                output.WriteBytes(row[header..]);
            }

            if (ttl)
            {
                output.WriteVarInt64(RowKeys.LastAccess(row));
            }
        }
    }

    private static void Flush<TKey>(KeyGroupWriter<TKey> writer, StateWriter prefix, StateWriter entries, ref int count, int group, bool ttl, long lastAccess)
        where TKey : notnull
    {
        if (count == 0)
        {
            return;
        }

        var output = writer.Entry(group, prefix.WrittenSpan[2..]);
        output.WriteVarInt64(count);
        output.WriteBytes(entries.WrittenSpan);
        if (ttl)
        {
            output.WriteVarInt64(lastAccess);
        }

        entries.Reset();
        count = 0;
    }
}
