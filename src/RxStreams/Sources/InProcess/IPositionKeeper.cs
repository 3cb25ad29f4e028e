using System;
using RxStreams.State;

namespace RxStreams.Ingestion;

/// <summary>The position of an in-process source: the user's position of the next record, kept as records are read.</summary>
internal interface IPositionKeeper<T>
{
    void Advance(T record);

    void Write(StateWriter writer);

    void Read(ref StateReader reader);
}

/// <summary>A position from the user's function, written with the position type's state serializer.</summary>
internal sealed class PositionKeeper<T, TPosition>(Func<T, TPosition> after, TPosition start, IStateSerializer<TPosition> serializer) : IPositionKeeper<T>
{
    public TPosition Current { get; private set; } = start;

    public void Advance(T record) => Current = after(record);

    public void Write(StateWriter writer) => serializer.Write(writer, Current);

    public void Read(ref StateReader reader) => Current = serializer.Read(ref reader);
}
