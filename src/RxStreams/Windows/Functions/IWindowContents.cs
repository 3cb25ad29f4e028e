using System;
using System.Collections.Generic;
using RxStreams.Keyed.Aggregates;

namespace RxStreams.Windows.Functions;

/// <summary>
/// What a window holds and how it turns into a result: an incremental accumulator, or a buffer of records handed to a
/// full-window function. A type parameter of the window operator, so the common case is inlined.
/// </summary>
internal interface IWindowContents<TKey, T, TState, TResult>
{
    TState Create();

    void Add(ref TState state, T value, long timestamp);

    TState Merge(TState a, TState b);

    TResult Result(ref TState state, TKey key, TimeWindow window);

    /// <summary>The records <paramref name="state"/> holds, in arrival order; null when it holds only an accumulator.</summary>
    IReadOnlyList<Record<T>>? Records(TState state);

    /// <summary>
    /// True when merging accumulators of any split of the records, in any order, gives exactly what adding them one by
    /// one in arrival order gives, and adding never fails: only then may sliding windows share accumulators per pane
    /// (see <c>WindowOperator</c>) without any observable difference. Counting qualifies; sums can overflow or round
    /// differently when regrouped, extremes keep the first arrival on ties, and user functions promise nothing.
    /// </summary>
    bool MergesExactly { get; }
}

/// <summary>Incremental aggregation with an <see cref="IAggregateFunction{T, TAccumulator, TResult}"/>: one accumulator per window.</summary>
internal readonly struct AggregateContents<TKey, T, TAcc, TResult, TFunction>(TFunction function) : IWindowContents<TKey, T, TAcc, TResult>
    where TFunction : IAggregateFunction<T, TAcc, TResult>
{
    public TAcc Create() => function.CreateAccumulator();

    public void Add(ref TAcc state, T value, long timestamp) => function.Add(ref state, value);

    public TAcc Merge(TAcc a, TAcc b) => function.Merge(a, b);

    public TResult Result(ref TAcc state, TKey key, TimeWindow window) => function.GetResult(state);

    public IReadOnlyList<Record<T>>? Records(TAcc state) => null;

    public bool MergesExactly => typeof(TFunction) == typeof(CountFunction<T>);
}

/// <summary>
/// Buffers the window's records; at firing the evictor (if any) trims the buffer, then the full-window function gets
/// the remaining values in arrival order.
/// </summary>
internal sealed class BufferedContents<TKey, T, TResult>(WindowEvictor? evictor, Func<TKey, TimeWindow, IReadOnlyList<T>, TResult> process)
    : IWindowContents<TKey, T, List<Record<T>>, TResult>
{
    private readonly List<T> _values = new();

    public List<Record<T>> Create() => new();

    public void Add(ref List<Record<T>> state, T value, long timestamp) => state.Add(new Record<T>(value, timestamp));

    public List<Record<T>> Merge(List<Record<T>> a, List<Record<T>> b)
    {
        a.AddRange(b);
        return a;
    }

    public TResult Result(ref List<Record<T>> state, TKey key, TimeWindow window)
    {
        evictor?.Evict(state);
        _values.Clear();
        foreach (var record in state)
        {
            _values.Add(record.Value);
        }

        return process(key, window, _values);
    }

    public IReadOnlyList<Record<T>>? Records(List<Record<T>> state) => state;

    public bool MergesExactly => false;
}
