using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace RxStreams.State;

/// <summary>A list: element count (-1 for null), then the elements; the same bytes as an array.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ListSerializer<T>(IStateSerializer<T> element) : IStateSerializer<List<T>?>
{
    public string Id { get; } = SerializerIds.Compose("list", SerializerIds.Part(element));

    public int Version => 1;

    public void Write(StateWriter writer, List<T>? value)
    {
        if (value is null)
        {
            writer.WriteVarInt64(-1);
            return;
        }

        Sequences.Write(writer, element, CollectionsMarshal.AsSpan(value));
    }

    public List<T>? Read(ref StateReader reader)
    {
        var count = reader.ReadLength(allowNull: true);
        if (count < 0)
        {
            return null;
        }

        var items = new List<T>(count);
        CollectionsMarshal.SetCount(items, count);
        Sequences.ReadInto(ref reader, element, CollectionsMarshal.AsSpan(items));
        return items;
    }
}
