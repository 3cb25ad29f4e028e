namespace RxStreams.State;

/// <summary>The items of a pair, one after the other.</summary>
internal sealed class TupleSerializer<T1, T2>(IStateSerializer<T1> first, IStateSerializer<T2> second) : IStateSerializer<(T1, T2)>
{
    public string Id { get; } = SerializerIds.Compose("tuple", SerializerIds.Part(first), SerializerIds.Part(second));

    public int Version => 1;

    public void Write(StateWriter writer, (T1, T2) value)
    {
        first.Write(writer, value.Item1);
        second.Write(writer, value.Item2);
    }

    public (T1, T2) Read(ref StateReader reader)
    {
        var item1 = first.Read(ref reader);
        return (item1, second.Read(ref reader));
    }
}
