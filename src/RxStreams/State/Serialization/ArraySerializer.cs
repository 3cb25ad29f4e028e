namespace RxStreams.State;

/// <summary>An array: element count (-1 for null), then the elements.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ArraySerializer<T>(IStateSerializer<T> element) : IStateSerializer<T[]?>
{
    public string Id { get; } = SerializerIds.Compose("array", SerializerIds.Part(element));

    public int Version => 1;

    public void Write(StateWriter writer, T[]? value)
    {
        if (value is null)
        {
            writer.WriteVarInt64(-1);
            return;
        }

        Sequences.Write(writer, element, value);
    }

    public T[]? Read(ref StateReader reader)
    {
        var count = reader.ReadLength(allowNull: true);
        if (count < 0)
        {
            return null;
        }

        var items = new T[count];
        Sequences.ReadInto(ref reader, element, items);
        return items;
    }
}
