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
}
