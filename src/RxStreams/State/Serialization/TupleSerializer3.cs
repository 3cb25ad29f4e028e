namespace RxStreams.State;

/// <summary>The items of a triple, one after the other.</summary>
internal sealed class TupleSerializer<T1, T2, T3>(IStateSerializer<T1> first, IStateSerializer<T2> second, IStateSerializer<T3> third)
    : IStateSerializer<(T1, T2, T3)>
{
    public string Id { get; } = SerializerIds.Compose("tuple", SerializerIds.Part(first), SerializerIds.Part(second), SerializerIds.Part(third));

    public int Version => 1;

    public void Write(StateWriter writer, (T1, T2, T3) value)
    {
        first.Write(writer, value.Item1);
        second.Write(writer, value.Item2);
        third.Write(writer, value.Item3);
    }

    public (T1, T2, T3) Read(ref StateReader reader)
    {
        var item1 = first.Read(ref reader);
        var item2 = second.Read(ref reader);
        return (item1, item2, third.Read(ref reader));
    }
}
