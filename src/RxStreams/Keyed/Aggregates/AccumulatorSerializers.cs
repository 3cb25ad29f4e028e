using RxStreams.State;

namespace RxStreams.Keyed.Aggregates;

/// <summary>A running sum and count: the sum, then the count.</summary>
internal sealed class AverageAccumulatorSerializer<TNumber>(IStateSerializer<TNumber> sum) : IStateSerializer<AverageAccumulator<TNumber>>
{
    public string Id { get; } = SerializerIds.Compose("average", SerializerIds.Part(sum));

    public int Version => 1;

    public void Write(StateWriter writer, AverageAccumulator<TNumber> value)
    {
        sum.Write(writer, value.Sum);
        writer.WriteVarInt64(value.Count);
    }

    public AverageAccumulator<TNumber> Read(ref StateReader reader)
    {
        var total = sum.Read(ref reader);
        return new AverageAccumulator<TNumber> { Sum = total, Count = reader.ReadVarInt64() };
    }
}

/// <summary>The value reduced so far: a presence byte, then the value when there is one (so an empty accumulator never writes a default).</summary>
internal sealed class ReduceAccumulatorSerializer<T>(IStateSerializer<T> value) : IStateSerializer<ReduceAccumulator<T>>
{
    public string Id { get; } = SerializerIds.Compose("reduce", SerializerIds.Part(value));

    public int Version => 1;

    public void Write(StateWriter writer, ReduceAccumulator<T> accumulator)
    {
        writer.WriteBoolean(accumulator.HasValue);
        if (accumulator.HasValue)
        {
            value.Write(writer, accumulator.Value);
        }
    }

    public ReduceAccumulator<T> Read(ref StateReader reader) =>
        reader.ReadBoolean() ? new ReduceAccumulator<T> { HasValue = true, Value = value.Read(ref reader) } : default;
}

/// <summary>The extreme record and its value: a presence byte, then both when there are some.</summary>
internal sealed class ExtremumAccumulatorSerializer<T, TValue>(IStateSerializer<T> record, IStateSerializer<TValue> value)
    : IStateSerializer<ExtremumAccumulator<T, TValue>>
{
    public string Id { get; } = SerializerIds.Compose("extremum", SerializerIds.Part(record), SerializerIds.Part(value));

    public int Version => 1;

    public void Write(StateWriter writer, ExtremumAccumulator<T, TValue> accumulator)
    {
        writer.WriteBoolean(accumulator.HasValue);
        if (accumulator.HasValue)
        {
            record.Write(writer, accumulator.Record);
            value.Write(writer, accumulator.Value);
        }
    }

    public ExtremumAccumulator<T, TValue> Read(ref StateReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return default;
        }

        var extreme = record.Read(ref reader);
        return new ExtremumAccumulator<T, TValue> { HasValue = true, Record = extreme, Value = value.Read(ref reader) };
    }
}
