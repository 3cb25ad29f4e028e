using System;

namespace RxStreams.Keyed.Aggregates;

/// <summary>A fold from a seed (Rx's <c>Scan</c>, per key). It cannot merge, so it serves rolling aggregation only.</summary>
internal readonly struct FoldFunction<T, TAcc>(TAcc seed, Func<TAcc, T, TAcc> accumulate) : IAggregateFunction<T, TAcc, TAcc>
{
    public TAcc CreateAccumulator() => seed;

    public void Add(ref TAcc accumulator, T value) => accumulator = accumulate(accumulator, value);

    public TAcc GetResult(in TAcc accumulator) => accumulator;

    public TAcc Merge(TAcc a, TAcc b) => throw new NotSupportedException("A fold from a seed cannot merge two accumulators; implement IAggregateFunction to merge.");
}

/// <summary>The value reduced so far, once there is one.</summary>
internal struct ReduceAccumulator<T>
{
    public bool HasValue;
    public T Value;
}

/// <summary>Combines records pairwise (Flink's <c>reduce</c>): the first record is the first result.</summary>
internal readonly struct ReduceFunction<T>(Func<T, T, T> reduce) : IAggregateFunction<T, ReduceAccumulator<T>, T>
{
    public ReduceAccumulator<T> CreateAccumulator() => default;

    public void Add(ref ReduceAccumulator<T> accumulator, T value)
    {
        accumulator.Value = accumulator.HasValue ? reduce(accumulator.Value, value) : value;
        accumulator.HasValue = true;
    }

    public T GetResult(in ReduceAccumulator<T> accumulator) => accumulator.Value;

    public ReduceAccumulator<T> Merge(ReduceAccumulator<T> a, ReduceAccumulator<T> b) =>
        !a.HasValue ? b : !b.HasValue ? a : new ReduceAccumulator<T> { HasValue = true, Value = reduce(a.Value, b.Value) };
}
