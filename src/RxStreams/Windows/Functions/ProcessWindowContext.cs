using System;
using RxStreams.Windows.Functions;

namespace RxStreams;

/// <summary>
/// What a <see cref="ProcessWindowFunction{TKey, T, TOut, TWindowState}"/> sees at a firing (Flink's
/// <c>ProcessWindowFunction.Context</c> and <c>Collector</c>). One instance serves every call of a subscription.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TOut">The result type.</typeparam>
/// <typeparam name="TWindowState">The per-window state.</typeparam>
public sealed class ProcessWindowContext<TKey, TOut, TWindowState>
{
    private readonly IWindowOutput<TOut> _output;
    private readonly bool _merging;
    private TWindowState _state = default!;
    private bool _clearing;

    internal ProcessWindowContext(IWindowOutput<TOut> output, bool merging)
    {
        _output = output;
        _merging = merging;
    }

    /// <summary>The window's key.</summary>
    public TKey Key { get; private set; } = default!;

    /// <summary>The window.</summary>
    public TimeWindow Window { get; private set; }

    /// <summary>The operator's current watermark (exclusive: no record below it is expected).</summary>
    public long CurrentWatermark => _output.CurrentWatermark;

    /// <summary>The processing-time clock in milliseconds since the epoch; 0 when the windows have no clock.</summary>
    public long CurrentProcessingTime => _output.CurrentProcessingTime;

    /// <summary>
    /// A value kept per key and window across firings (Flink's <c>windowState()</c>): it starts at <c>default</c>,
    /// survives purges, is checkpointed with the window, and is dropped with it after <see cref="ProcessWindowFunction{TKey, T, TOut, TWindowState}.Clear"/>.
    /// As in Flink, merging (session) windows have none: reading it there throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public ref TWindowState WindowState
    {
        get
        {
            if (_merging)
            {
                throw new InvalidOperationException("Per-window state is not allowed in merging (session) windows, as in Flink: keep what spans firings in the function's own fields or in keyed state.");
            }

            return ref _state;
        }
    }

    /// <summary>Emits a result for this firing, stamped with the window's <see cref="TimeWindow.MaxTimestamp"/>.</summary>
    /// <param name="value">The result.</param>
    public void Collect(TOut value)
    {
        if (_clearing)
        {
            throw new InvalidOperationException($"ProcessWindowFunction.Clear cannot collect: window {Window} of key {Key} is being freed, not fired.");
        }

        _output.Collect(value);
    }

    internal void Enter(TKey key, TimeWindow window, TWindowState state, bool clearing)
    {
        Key = key;
        Window = window;
        _clearing = clearing;
        _state = state;
    }

    internal TWindowState Leave()
    {
        var state = _state;
        _state = default!;
        return state;
    }
}
