using System;
using System.Collections.Generic;

namespace RxStreams.Windows.Functions;

/// <summary>
/// The contents of windows under a <see cref="ProcessWindowFunction{TKey, T, TOut, TWindowState}"/>: the buffered records
/// and the per-window state, which a purge keeps. At a firing the evictor trims the records before and after the call.
/// </summary>
internal sealed class ProcessContents<TKey, T, TOut, TWindowState>(
    ProcessWindowFunction<TKey, T, TOut, TWindowState> function, WindowEvictor? evictor, bool merging)
    : IWindowContents<TKey, T, (List<Record<T>> Records, TWindowState State), TOut>
{
    private readonly List<T> _values = new();
    private ProcessWindowContext<TKey, TOut, TWindowState>? _context;

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
        var context = Context(output);
        evictor?.EvictBefore(state.Records, window);
        _values.Clear();
        foreach (var record in state.Records)
        {
            _values.Add(record.Value);
        }

        context.Enter(key, window, state.State, clearing: false);
        try
        {
            function.Process(_values, context);
        }
        finally
        {
            state.State = context.Leave();
            _values.Clear();
        }

        evictor?.EvictAfter(state.Records, window);
    }

    public void Clear(ref (List<Record<T>> Records, TWindowState State) state, TKey key, TimeWindow window, IWindowOutput<TOut> output)
    {
        var context = Context(output);
        context.Enter(key, window, state.State, clearing: true);
        try
        {
            function.Clear(context);
        }
        finally
        {
            context.Leave();
        }
    }

    public IReadOnlyList<Record<T>>? Records((List<Record<T>> Records, TWindowState State) state) => state.Records;

    public bool MergesExactly => false;

    // One sink per contents: the output never changes.
    private ProcessWindowContext<TKey, TOut, TWindowState> Context(IWindowOutput<TOut> output) => _context ??= new(output, merging);
}
