using System;
using RocksDbSharp;

namespace RxStreams.RocksDb;

/// <summary>
/// Copies the value RocksDB found into a reused buffer (a <c>Get</c> without an allocation per read). Rows are never
/// empty, so an empty result means the row is absent.
/// </summary>
internal sealed class RawRow : ISpanDeserializer<int>
{
    private byte[] _buffer = new byte[64];

    /// <summary>The bytes of the last row read; valid until the next read.</summary>
    public Span<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>The length of the last row read, 0 when it was absent.</summary>
    public int Length { get; private set; }

    /// <summary>Reads row <paramref name="key"/> of <paramref name="family"/>; false when absent.</summary>
    public bool Read(RocksDbStore store, ReadOnlySpan<byte> key, ColumnFamilyHandle family, ReadOptions? options = null)
    {
        Length = 0;
        store.Db.Get(key, this, family, options);
        return Length > 0;
    }

    /// <inheritdoc />
    public int Deserialize(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length > _buffer.Length)
        {
            _buffer = new byte[Math.Max(buffer.Length, _buffer.Length * 2)];
        }

        buffer.CopyTo(_buffer);
        Length = buffer.Length;
        return Length;
    }
}
