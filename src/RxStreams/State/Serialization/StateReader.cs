using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace RxStreams.State;

/// <summary>
/// Reads what a <see cref="StateWriter"/> wrote, front to back. Reading past the end or meeting malformed bytes throws
/// <see cref="StateSerializationException"/> with the offset, never an index error.
/// </summary>
public ref struct StateReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Starts reading at the first byte of <paramref name="data"/>.</summary>
    /// <param name="data">The serialized state.</param>
    public StateReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>The offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>How many bytes are left.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool IsAtEnd => _position == _data.Length;

    /// <summary>The bytes read from <paramref name="start"/> (an earlier <see cref="Position"/>) up to the current position.</summary>
    internal readonly ReadOnlySpan<byte> ReadSince(int start) => _data[start.._position];

    /// <summary>Reads one byte.</summary>
    public byte ReadByte() => Take(1)[0];

    /// <summary>Reads a boolean written as 1 or 0; any other byte is corrupt.</summary>
    public bool ReadBoolean()
    {
        var offset = _position;
        return ReadByte() switch
        {
            0 => false,
            1 => true,
            var b => throw Corrupt($"a boolean must be 0 or 1, found {b}", offset),
        };
    }

    /// <summary>Reads a 16-bit little-endian integer.</summary>
    public short ReadInt16() => BinaryPrimitives.ReadInt16LittleEndian(Take(sizeof(short)));

    /// <summary>Reads a 32-bit little-endian integer.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));

    /// <summary>Reads a 64-bit little-endian integer.</summary>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

    /// <summary>Reads a zig-zag varint; more than <see cref="VarInt.MaxBytes"/> bytes is corrupt.</summary>
    public long ReadVarInt64()
    {
        var start = _position;
        ulong zigZag = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw Truncated(1, _position);
            }

            var b = _data[_position++];
            zigZag |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)(zigZag >> 1) ^ -(long)(zigZag & 1);
            }
        }

        throw Corrupt($"a varint is longer than {VarInt.MaxBytes} bytes", start);
    }

    /// <summary>Reads a 32-bit float from its IEEE 754 bits.</summary>
    public float ReadSingle() => BitConverter.Int32BitsToSingle(ReadInt32());

    /// <summary>Reads a 64-bit float from its IEEE 754 bits.</summary>
    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    /// <summary>Reads a string written by <see cref="StateWriter.WriteString"/>; null when it was null.</summary>
    public string? ReadString()
    {
        var offset = _position;
        var length = ReadLength(allowNull: true);
        if (length < 0)
        {
            return null;
        }

        var bytes = Take(length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new StateSerializationException(
                string.Create(CultureInfo.InvariantCulture, $"corrupt state: the string at offset {offset} is not valid UTF-8."), typeof(string), null, e);
        }
    }

    /// <summary>Reads the next <paramref name="count"/> bytes, without a copy.</summary>
    /// <param name="count">How many bytes.</param>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Take(count);
    }

    /// <summary>
    /// Reads a count or length written with <see cref="StateWriter.WriteVarInt64"/>. A value below -1, or below 0 when
    /// <paramref name="allowNull"/> is false, or larger than the bytes left (every element takes at least one byte), is
    /// corrupt.
    /// </summary>
    /// <param name="allowNull">Whether -1 (null) is allowed.</param>
    /// <returns>The length, or -1 for null.</returns>
    public int ReadLength(bool allowNull)
    {
        var offset = _position;
        var length = ReadVarInt64();
        if (length < (allowNull ? -1 : 0))
        {
            throw Corrupt($"length {length} is negative", offset);
        }

        if (length > Remaining)
        {
            throw Truncated(length, _position);
        }

        return (int)length;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw Truncated(count, _position);
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    private static StateSerializationException Truncated(long needed, int offset) =>
        new(string.Create(CultureInfo.InvariantCulture, $"truncated state: needed {needed} bytes at offset {offset}."));

    private static StateSerializationException Corrupt(string what, int offset) =>
        new(string.Create(CultureInfo.InvariantCulture, $"corrupt state: {what} at offset {offset}."));
}
