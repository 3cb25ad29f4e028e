namespace RxStreams.State;

/// <summary>The items of a quadruple, one after the other.</summary>
internal sealed class TupleSerializer<T1, T2, T3, T4>(
    IStateSerializer<T1> first, IStateSerializer<T2> second, IStateSerializer<T3> third, IStateSerializer<T4> fourth)
    : IStateSerializer<(T1, T2, T3, T4)>
{
    public string Id { get; } = SerializerIds.Compose(
        "tuple", SerializerIds.Part(first), SerializerIds.Part(second), SerializerIds.Part(third), SerializerIds.Part(fourth));

    public int Version => 1;

    public void Write(StateWriter writer, (T1, T2, T3, T4) value)
    {
        first.Write(writer, value.Item1);
        second.Write(writer, value.Item2);
        third.Write(writer, value.Item3);
        fourth.Write(writer, value.Item4);
    }

    public (T1, T2, T3, T4) Read(ref StateReader reader)
    {
        var item1 = first.Read(ref reader);
        var item2 = second.Read(ref reader);
        var item3 = third.Read(ref reader);
        return (item1, item2, item3, fourth.Read(ref reader));
    }
}
