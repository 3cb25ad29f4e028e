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

    internal ProcessWindowContext(IWindowOutput<TOut> output, bool merging, RuntimeContext globalState)
    {
        _output = output;
        _merging = merging;
        GlobalState = globalState;
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

    /// <summary>
    /// The key's state across all its windows (Flink's <c>globalState()</c>): the same states as the
    /// <see cref="RuntimeContext"/> given to <see cref="ProcessWindowFunction{TKey, T, TOut, TWindowState}.Open"/>, read
    /// and written for <see cref="Key"/>. It outlives every window (nothing frees it but the function), is checkpointed
    /// with the windows, and in a checkpointed job must be declared in <c>Open</c>, so that a restore knows it. Kept on
    /// the heap with the windows, whatever the job's state backend.
    /// </summary>
    public RuntimeContext GlobalState { get; }

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

    /// <summary>
    /// Emits <paramref name="value"/> to a side output (Flink's <c>Context.output(OutputTag, value)</c>); allowed in
    /// <see cref="ProcessWindowFunction{TKey, T, TOut, TWindowState}.Clear"/> too. The side output counts it and its
    /// subscribers see it at once, before the firing's results that follow it in the main output.
    /// </summary>
    /// <typeparam name="TSide">The side output's item type.</typeparam>
    /// <param name="output">The side output.</param>
    /// <param name="value">The item.</param>
    public void Output<TSide>(SideOutput<TSide> output, TSide value)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.EmitFromFunction(value);
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
