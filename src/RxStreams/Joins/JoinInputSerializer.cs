using RxStreams.State;

namespace RxStreams.Joins;

/// <summary>A record of either side of a join: a side byte (1 left, 0 right), then that side's value, so window joins checkpoint without registration.</summary>
internal sealed class JoinInputSerializer<TLeft, TRight>(IStateSerializer<TLeft> left, IStateSerializer<TRight> right)
    : IStateSerializer<JoinInput<TLeft, TRight>>
{
    public string Id { get; } = SerializerIds.Compose("join-input", SerializerIds.Part(left), SerializerIds.Part(right));

    public int Version => 1;

    public void Write(StateWriter writer, JoinInput<TLeft, TRight> value)
    {
        writer.WriteBoolean(value.IsLeft);
        if (value.IsLeft)
        {
            left.Write(writer, value.Left);
        }
        else
        {
            right.Write(writer, value.Right);
        }
    }

    public JoinInput<TLeft, TRight> Read(ref StateReader reader) =>
        reader.ReadBoolean() ? JoinInput<TLeft, TRight>.OfLeft(left.Read(ref reader)) : JoinInput<TLeft, TRight>.OfRight(right.Read(ref reader));
}
