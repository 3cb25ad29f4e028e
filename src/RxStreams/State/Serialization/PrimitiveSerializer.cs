using System;

namespace RxStreams.State;

/// <summary>
/// A built-in serializer made of two static functions. The functions are non-capturing lambdas, so writing or reading a
/// value allocates nothing beyond what the value itself needs (a string, an array).
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class PrimitiveSerializer<T> : IStateSerializer<T>
{
    private readonly Action<StateWriter, T> _write;
    private readonly StateReadFunc<T> _read;

    public PrimitiveSerializer(string id, Action<StateWriter, T> write, StateReadFunc<T> read)
    {
        Id = id;
        _write = write;
        _read = read;
    }

    public string Id { get; }

    public int Version => 1;

    public void Write(StateWriter writer, T value) => _write(writer, value);

    public T Read(ref StateReader reader) => _read(ref reader);
}
