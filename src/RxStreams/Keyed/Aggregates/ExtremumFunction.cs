using System;
using System.Collections.Generic;

namespace RxStreams.Keyed.Aggregates;

/// <summary>The record holding the extreme value so far, and that value.</summary>
internal struct ExtremumAccumulator<T, TValue>
{
    public bool HasValue;
    public T Record;
    public TValue Value;
}

/// <summary>
/// Minimum or maximum of a field, as Flink's <c>min</c>/<c>max</c> (the value) and <c>minBy</c>/<c>maxBy</c> (the
/// record holding it; on ties the first one stays, as Flink's default).
/// </summary>
internal readonly struct ExtremumFunction<T, TValue>(Func<T, TValue> selector, bool maximum, IComparer<TValue> comparer)
    : IAggregateFunction<T, ExtremumAccumulator<T, TValue>, ExtremumAccumulator<T, TValue>>
{
    // The default order is called through Comparer<TValue>.Default, which the JIT devirtualizes (and inlines for primitives).
    private readonly bool _defaultOrder = ReferenceEquals(comparer, Comparer<TValue>.Default);

    public ExtremumAccumulator<T, TValue> CreateAccumulator() => default;

    public void Add(ref ExtremumAccumulator<T, TValue> accumulator, T value)
    {
        var candidate = selector(value);
        if (accumulator.HasValue)
        {
            var order = Compare(candidate, accumulator.Value);
            if (maximum ? order <= 0 : order >= 0)
            {
                return;
            }
        }

        accumulator.HasValue = true;
        accumulator.Record = value;
        accumulator.Value = candidate;
    }

    public ExtremumAccumulator<T, TValue> GetResult(in ExtremumAccumulator<T, TValue> accumulator) => accumulator;

    public ExtremumAccumulator<T, TValue> Merge(ExtremumAccumulator<T, TValue> a, ExtremumAccumulator<T, TValue> b)
    {
        if (!a.HasValue)
        {
            return b;
        }

        if (!b.HasValue)
        {
            return a;
        }

        var order = Compare(b.Value, a.Value);
        return (maximum ? order > 0 : order < 0) ? b : a;
    }

    private int Compare(TValue a, TValue b) => _defaultOrder ? Comparer<TValue>.Default.Compare(a, b) : comparer.Compare(a, b);
}

/// <summary>Flink's <c>min</c>/<c>max</c>: the extreme value of the field.</summary>
internal readonly struct ExtremumValueFunction<T, TValue>(ExtremumFunction<T, TValue> core)
    : IAggregateFunction<T, ExtremumAccumulator<T, TValue>, TValue>
{
    public ExtremumAccumulator<T, TValue> CreateAccumulator() => default;

    public void Add(ref ExtremumAccumulator<T, TValue> accumulator, T value) => core.Add(ref accumulator, value);

    public TValue GetResult(in ExtremumAccumulator<T, TValue> accumulator) => accumulator.Value;

    public ExtremumAccumulator<T, TValue> Merge(ExtremumAccumulator<T, TValue> a, ExtremumAccumulator<T, TValue> b) => core.Merge(a, b);
}

/// <summary>Flink's <c>minBy</c>/<c>maxBy</c>: the record holding the extreme value.</summary>
internal readonly struct ExtremumRecordFunction<T, TValue>(ExtremumFunction<T, TValue> core)
    : IAggregateFunction<T, ExtremumAccumulator<T, TValue>, T>
{
    public ExtremumAccumulator<T, TValue> CreateAccumulator() => default;

    public void Add(ref ExtremumAccumulator<T, TValue> accumulator, T value) => core.Add(ref accumulator, value);

    public T GetResult(in ExtremumAccumulator<T, TValue> accumulator) => accumulator.Record;

    public ExtremumAccumulator<T, TValue> Merge(ExtremumAccumulator<T, TValue> a, ExtremumAccumulator<T, TValue> b) => core.Merge(a, b);
}
