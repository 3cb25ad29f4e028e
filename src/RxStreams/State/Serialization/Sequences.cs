using System;

namespace RxStreams.State;

/// <summary>The layout shared by arrays and lists: element count (zig-zag varint, -1 for null), then the elements.</summary>
internal static class Sequences
{
    public static void Write<T>(StateWriter writer, IStateSerializer<T> element, ReadOnlySpan<T> items)
    {
        writer.WriteVarInt64(items.Length);
        foreach (var item in items)
        {
            element.Write(writer, item);
        }
    }

    public static void ReadInto<T>(ref StateReader reader, IStateSerializer<T> element, Span<T> items)
    {
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = element.Read(ref reader);
        }
    }
}
