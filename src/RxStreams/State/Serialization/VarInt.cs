using System;

namespace RxStreams.State;

/// <summary>Sizes of the zig-zag varint that <see cref="StateWriter.WriteVarInt64"/> writes.</summary>
public static class VarInt
{
    /// <summary>The most bytes one varint takes (for <see cref="long.MinValue"/> and <see cref="long.MaxValue"/>).</summary>
    public const int MaxBytes = 10;

    /// <summary>How many bytes <see cref="StateWriter.WriteVarInt64"/> writes for <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    public static int SizeOf(long value)
    {
        var zigZag = (ulong)((value << 1) ^ (value >> 63));
        var size = 1;
        while (zigZag >= 0x80)
        {
            zigZag >>= 7;
            size++;
        }

        return size;
    }

    /// <summary>Writes <paramref name="value"/> as <see cref="StateWriter.WriteVarInt64"/> does into <paramref name="destination"/>, which has room; returns the bytes written.</summary>
    internal static int Write(Span<byte> destination, long value)
    {
        var zigZag = (ulong)((value << 1) ^ (value >> 63));
        var i = 0;
        while (zigZag >= 0x80)
        {
            destination[i++] = (byte)(zigZag | 0x80);
            zigZag >>= 7;
        }

        destination[i++] = (byte)zigZag;
        return i;
    }
}
