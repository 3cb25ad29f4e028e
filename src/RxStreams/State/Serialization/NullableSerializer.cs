namespace RxStreams.State;

/// <summary>A presence byte, then the value when there is one.</summary>
/// <typeparam name="T">The underlying value type.</typeparam>
internal sealed class NullableSerializer<T> : IStateSerializer<T?>
    where T : struct
{
    private readonly IStateSerializer<T> _value;

    public NullableSerializer(IStateSerializer<T> value)
    {
        _value = value;
        Id = SerializerIds.Compose("nullable", SerializerIds.Part(value));
    }

    public string Id { get; }

    public int Version => 1;

    public void Write(StateWriter writer, T? value)
    {
        writer.WriteBoolean(value.HasValue);
        if (value.HasValue)
        {
            _value.Write(writer, value.GetValueOrDefault());
        }
    }

    public T? Read(ref StateReader reader) => reader.ReadBoolean() ? _value.Read(ref reader) : null;
}
