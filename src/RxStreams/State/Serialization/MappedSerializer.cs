using System;

namespace RxStreams.State;

/// <summary>
/// Serializes <typeparamref name="T"/> as another type it maps to one-to-one, for pair-like types
/// (<c>KeyValuePair</c>, <c>Keyed</c>, <c>Record</c>) that share the tuple layout under their own id.
/// </summary>
internal sealed class MappedSerializer<T, TInner>(string id, IStateSerializer<TInner> inner, Func<T, TInner> toInner, Func<TInner, T> fromInner)
    : IStateSerializer<T>
{
    public string Id => id;

    public int Version => 1;

    public void Write(StateWriter writer, T value) => inner.Write(writer, toInner(value));

    public T Read(ref StateReader reader) => fromInner(inner.Read(ref reader));
}
