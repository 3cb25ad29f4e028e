using System;
using System.Collections.Generic;
using RxStreams.State;

namespace RxStreams.Checkpoints;

/// <summary>
/// The in-flight elements of an unaligned checkpoint at one exchange task (Flink's channel state): the records and
/// watermarks that the task consumed after it took the checkpoint but that its producers sent before the barrier. A
/// restored task processes them again, in the same order, before any new input.
/// </summary>
internal static class ChannelState
{
    /// <summary>Writes <paramref name="elements"/> (input channel and element, in processing order).</summary>
    public static ReadOnlyMemory<byte> Write<T>(List<(int Channel, StreamElement<T> Element)> elements, IStateSerializer<T> records)
    {
        using var writer = new StateWriter(64 + (elements.Count * 16));
        writer.WriteVarInt64(elements.Count);
        foreach (var (channel, element) in elements)
        {
            writer.WriteVarInt64(channel);
            writer.WriteByte((byte)element.Kind);
            writer.WriteInt64(element.Timestamp);
            if (element.Kind == ElementKind.Record)
            {
                records.Write(writer, element.Value);
            }
        }

        return writer.ToArray();
    }

    /// <summary>Reads what <see cref="Write{T}"/> wrote; damaged bytes throw <see cref="StateSerializationException"/>.</summary>
    public static List<(int Channel, StreamElement<T> Element)> Read<T>(ReadOnlySpan<byte> data, IStateSerializer<T> records)
    {
        var reader = new StateReader(data);
        var count = reader.ReadVarInt64();
        if (count < 0 || count > data.Length)
        {
            throw new StateSerializationException($"The channel state claims {count} elements in {data.Length} bytes: it is damaged.");
        }

        var elements = new List<(int, StreamElement<T>)>((int)count);
        for (var i = 0; i < count; i++)
        {
            var channel = (int)reader.ReadVarInt64();
            var kind = (ElementKind)reader.ReadByte();
            var timestamp = reader.ReadInt64();
            var element = kind switch
            {
                ElementKind.Record => StreamElement.Record(records.Read(ref reader), timestamp),
                ElementKind.Watermark => StreamElement.Watermark<T>(timestamp),
                ElementKind.Idle => StreamElement.Idle<T>(),
                ElementKind.Active => StreamElement.Active<T>(),
                _ => throw new StateSerializationException($"The channel state holds an element of kind {kind}, which it never writes: it is damaged."),
            };
            elements.Add((channel, element));
        }

        return elements;
    }
}
