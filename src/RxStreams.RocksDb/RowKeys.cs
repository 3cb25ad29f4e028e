using System;
using System.Buffers.Binary;
using RxStreams.State;

namespace RxStreams.RocksDb;

/// <summary>
/// The byte layout of RocksDB rows: a row key starts with its key group as 2 bytes big-endian (so the rows of a
/// key-group range are contiguous), then the serialized key; a row with a time to live starts its value with the last
/// access and the expiry queued for it, 8 bytes each, little-endian; an expiry-index key is the expiry, 8 bytes
/// big-endian with the sign bit flipped (so keys sort by time), then the row key.
/// </summary>
internal static class RowKeys
{
    /// <summary>The size of a row's time-to-live header.</summary>
    public const int TtlHeader = 16;

    /// <summary>The size of an expiry-index key before the row key.</summary>
    public const int ExpiryPrefix = 8;

    public static void WriteKeyGroup(StateWriter writer, int keyGroup) => BinaryPrimitives.WriteUInt16BigEndian(Take(writer, 2), (ushort)keyGroup);

    public static int KeyGroup(ReadOnlySpan<byte> rowKey) => BinaryPrimitives.ReadUInt16BigEndian(rowKey);

    public static void WriteTtlHeader(StateWriter writer, long lastAccess, long queuedExpiry)
    {
        var span = Take(writer, TtlHeader);
        BinaryPrimitives.WriteInt64LittleEndian(span, lastAccess);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], queuedExpiry);
    }

    public static long LastAccess(ReadOnlySpan<byte> row) => BinaryPrimitives.ReadInt64LittleEndian(row);

    public static long QueuedExpiry(ReadOnlySpan<byte> row) => BinaryPrimitives.ReadInt64LittleEndian(row[8..]);

    public static void SetLastAccess(Span<byte> row, long lastAccess) => BinaryPrimitives.WriteInt64LittleEndian(row, lastAccess);

    public static void SetQueuedExpiry(Span<byte> row, long expiry) => BinaryPrimitives.WriteInt64LittleEndian(row[8..], expiry);

    public static void WriteExpiry(StateWriter writer, long expiry) => BinaryPrimitives.WriteUInt64BigEndian(Take(writer, ExpiryPrefix), (ulong)(expiry ^ long.MinValue));

    public static long Expiry(ReadOnlySpan<byte> indexKey) => (long)BinaryPrimitives.ReadUInt64BigEndian(indexKey) ^ long.MinValue;

    /// <summary>The length of the key-group-and-key prefix of <paramref name="rowKey"/>, found by reading the key.</summary>
    public static int PrefixLength<TKey>(ReadOnlySpan<byte> rowKey, IStateSerializer<TKey> keys)
    {
        var reader = new StateReader(rowKey[2..]);
        keys.Read(ref reader);
        return 2 + reader.Position;
    }

    private static Span<byte> Take(StateWriter writer, int count)
    {
        var span = writer.GetSpan(count)[..count];
        writer.Advance(count);
        return span;
    }
}
