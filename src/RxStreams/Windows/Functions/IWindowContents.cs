using System;
using System.Collections.Generic;
using RxStreams.Keyed.Aggregates;
using RxStreams.State;

namespace RxStreams.Windows.Functions;

/// <summary>
/// What a window holds and how it turns into a result: an incremental accumulator, or a buffer of records handed to a
/// full-window function. A type parameter of the window operator, so the common case is inlined.
/// </summary>
internal interface IWindowContents<TKey, T, TState, TResult>
    where TKey : notnull
{
    TState Create();

    void Add(ref TState state, T value, long timestamp);

    TState Merge(TState a, TState b);

    TResult Result(ref TState state, TKey key, TimeWindow window);

    /// <summary>The contents after a purge: no records, but what the window keeps across purges (per-window state).</summary>
    TState Purge(TState state);

    /// <summary>True when the window function emits through <see cref="Collect"/> (zero or more results) instead of <see cref="Result"/>.</summary>
    bool Collects { get; }

    /// <summary>Runs the window function of a firing, emitting each result to <paramref name="output"/>.</summary>
    void Collect(ref TState state, TKey key, TimeWindow window, IWindowOutput<TResult> output);

    /// <summary>Called once before the window's state is freed.</summary>
    void Clear(ref TState state, TKey key, TimeWindow window, IWindowOutput<TResult> output);

    /// <summary>The records <paramref name="state"/> holds, in arrival order; null when it holds only an accumulator.</summary>
    IReadOnlyList<Record<T>>? Records(TState state);

    /// <summary>
    /// True when merging accumulators of any split of the records, in any order, gives exactly what adding them one by
    /// one in arrival order gives, and adding never fails: only then may sliding windows share accumulators per pane
    /// (see <c>WindowOperator</c>) without any observable difference. Counting qualifies; sums can overflow or round
    /// differently when regrouped, extremes keep the first arrival on ties, and user functions promise nothing.
    /// </summary>
    bool MergesExactly { get; }

    /// <summary>The window function's per-key state that outlives windows (a process function's global state), checkpointed with the windows; null when it has none.</summary>
    KeyedStateBackend<TKey>? KeyedState { get; }
}

/// <summary>Incremental aggregation with an <see cref="IAggregateFunction{T, TAccumulator, TResult}"/>: one accumulator per window.</summary>
internal readonly struct AggregateContents<TKey, T, TAcc, TResult, TFunction>(TFunction function) : IWindowContents<TKey, T, TAcc, TResult>
    where TKey : notnull
    where TFunction : IAggregateFunction<T, TAcc, TResult>
{
    public TAcc Create() => function.CreateAccumulator();

    public void Add(ref TAcc state, T value, long timestamp) => function.Add(ref state, value);

    public TAcc Merge(TAcc a, TAcc b) => function.Merge(a, b);

    public TResult Result(ref TAcc state, TKey key, TimeWindow window) => function.GetResult(state);

    public TAcc Purge(TAcc state) => function.CreateAccumulator();

    public bool Collects => false;

    public void Collect(ref TAcc state, TKey key, TimeWindow window, IWindowOutput<TResult> output) => throw new NotSupportedException();

    public void Clear(ref TAcc state, TKey key, TimeWindow window, IWindowOutput<TResult> output)
    {
    }

    public IReadOnlyList<Record<T>>? Records(TAcc state) => null;

    public bool MergesExactly => typeof(TFunction) == typeof(CountFunction<T>);

    public KeyedStateBackend<TKey>? KeyedState => null;
}

/// <summary>
/// Buffers the window's records; at firing the evictor (if any) trims the buffer, then the full-window function gets
/// the remaining values in arrival order, then the evictor may trim again (its <c>EvictAfter</c>).
/// </summary>
internal sealed class BufferedContents<TKey, T, TResult>(WindowEvictor? evictor, Func<TKey, TimeWindow, IReadOnlyList<T>, TResult> process)
    : IWindowContents<TKey, T, List<Record<T>>, TResult>
    where TKey : notnull
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
        evictor?.EvictBefore(state, window);
        _values.Clear();
        foreach (var record in state)
        {
            _values.Add(record.Value);
        }

        var result = process(key, window, _values);
        evictor?.EvictAfter(state, window);
        return result;
    }

    public List<Record<T>> Purge(List<Record<T>> state) => new();

    public bool Collects => false;

    public void Collect(ref List<Record<T>> state, TKey key, TimeWindow window, IWindowOutput<TResult> output) => throw new NotSupportedException();

    public void Clear(ref List<Record<T>> state, TKey key, TimeWindow window, IWindowOutput<TResult> output)
    {
    }

    public IReadOnlyList<Record<T>>? Records(List<Record<T>> state) => state;

    public bool MergesExactly => false;

    public KeyedStateBackend<TKey>? KeyedState => null;
}
