using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;
using RxStreams.Processing;
using RxStreams.State;

namespace RxStreams.Windows.Functions;

/// <summary>
/// The contents of windows under a <see cref="ProcessWindowFunction{TKey, T, TOut, TWindowState}"/>: the buffered records
/// and the per-window state, which a purge keeps. At a firing the evictor trims the records before and after the call.
/// The function's global state (per key, across windows) lives in a heap state backend of its own, opened here.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The heap backend's Dispose frees nothing: it holds only managed tables.")]
internal sealed class ProcessContents<TKey, T, TOut, TWindowState> : IWindowContents<TKey, T, (List<Record<T>> Records, TWindowState State), TOut>
    where TKey : notnull
{
    private readonly ProcessWindowFunction<TKey, T, TOut, TWindowState> _function;
    private readonly WindowEvictor? _evictor;
    private readonly bool _merging;
    private readonly List<T> _values = new();
    private readonly HeapKeyedStateBackend<TKey> _globalState;
    private readonly RuntimeContext _runtime;
    private ProcessWindowContext<TKey, TOut, TWindowState>? _context;

    /// <summary>Opens the function (its <see cref="ProcessWindowFunction{TKey, T, TOut, TWindowState}.Open"/>) for one subscription.</summary>
    public ProcessContents(
        ProcessWindowFunction<TKey, T, TOut, TWindowState> function, WindowEvictor? evictor, bool merging, IEqualityComparer<TKey> keys, IScheduler? clock, string operatorName)
    {
        _function = function;
        _evictor = evictor;
        _merging = merging;

        // On the heap whatever the job's backend: the windows' own state is there too, and both go into the window's checkpoint.
        _globalState = new HeapKeyedStateBackend<TKey>(keys, operatorName, clock);
        _runtime = new RuntimeContext(operatorName, _globalState);
        ProcessFunctions.Open(operatorName, () => function.Open(_runtime));
    }

    public KeyedStateBackend<TKey>? KeyedState => _globalState;

    public (List<Record<T>> Records, TWindowState State) Create() => (new List<Record<T>>(), default!);

    public void Add(ref (List<Record<T>> Records, TWindowState State) state, T value, long timestamp) =>
        state.Records.Add(new Record<T>(value, timestamp));

    public (List<Record<T>> Records, TWindowState State) Merge((List<Record<T>> Records, TWindowState State) a, (List<Record<T>> Records, TWindowState State) b)
    {
        a.Records.AddRange(b.Records);
        return a;
    }

    public (List<Record<T>> Records, TWindowState State) Purge((List<Record<T>> Records, TWindowState State) state) => (new List<Record<T>>(), state.State);

    public TOut Result(ref (List<Record<T>> Records, TWindowState State) state, TKey key, TimeWindow window) =>
        throw new InvalidOperationException("A ProcessWindowFunction collects its results.");

    public bool Collects => true;

    public void Collect(ref (List<Record<T>> Records, TWindowState State) state, TKey key, TimeWindow window, IWindowOutput<TOut> output)
    {
        var context = Enter(key, window, state.State, output, clearing: false);
        _evictor?.EvictBefore(state.Records, window);
        _values.Clear();
        foreach (var record in state.Records)
        {
            _values.Add(record.Value);
        }

        try
        {
            _function.Process(_values, context);
        }
        finally
        {
            state.State = context.Leave();
            _values.Clear();
        }

        _evictor?.EvictAfter(state.Records, window);
    }

    public void Clear(ref (List<Record<T>> Records, TWindowState State) state, TKey key, TimeWindow window, IWindowOutput<TOut> output)
    {
        var context = Enter(key, window, state.State, output, clearing: true);
        try
        {
            _function.Clear(context);
        }
        finally
        {
            context.Leave();
        }
    }

    public IReadOnlyList<Record<T>>? Records((List<Record<T>> Records, TWindowState State) state) => state.Records;

    public bool MergesExactly => false;

    private ProcessWindowContext<TKey, TOut, TWindowState> Enter(TKey key, TimeWindow window, TWindowState state, IWindowOutput<TOut> output, bool clearing)
    {
        // One sink per contents: the output never changes.
        var context = _context ??= new(output, _merging, _runtime);
        _globalState.CurrentKey = key;
        _globalState.CurrentEventTime = output.CurrentWatermark;
        context.Enter(key, window, state, clearing);
        return context;
    }
}
