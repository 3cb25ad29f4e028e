using System.Collections.Generic;

namespace RxStreams;

/// <summary>
/// A full-window function that emits zero or more results per firing (Flink's <c>ProcessWindowFunction</c>): at each
/// firing it gets the window's records and a context with the key, the window, the watermark, the clock, a value kept
/// per key and window, global state per key, side outputs and <see cref="ProcessWindowContext{TKey, TOut, TWindowState}.Collect"/>. Each collected value
/// becomes a <see cref="WindowResult{TKey, TValue}"/> stamped with the window's <see cref="TimeWindow.MaxTimestamp"/>.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="T">The record type.</typeparam>
/// <typeparam name="TOut">The result type.</typeparam>
/// <typeparam name="TWindowState">The per-window state (<see cref="System.Reactive.Unit"/> when none is needed); it must be serializable in a checkpointed job.</typeparam>
public abstract class ProcessWindowFunction<TKey, T, TOut, TWindowState>
{
    /// <summary>
    /// Called once per subscription, before the first record (Flink's <c>open</c>): declare the global states here, the
    /// per-key states of <see cref="ProcessWindowContext{TKey, TOut, TWindowState}.GlobalState"/> that outlive windows;
    /// a checkpointed job restores only states declared here. The handles serve every subscription's own key when taken
    /// again from <c>context.GlobalState</c>; keep them in fields only when each subscription has its own instance.
    /// </summary>
    /// <param name="context">Declares the global states.</param>
    public virtual void Open(RuntimeContext context)
    {
    }

    /// <summary>Called at each firing with the window's records in arrival order (after the evictor's <see cref="WindowEvictor.EvictBefore{T}"/>); the list is only valid during the call.</summary>
    /// <param name="elements">The window's records.</param>
    /// <param name="context">The key, the window, time, per-window state and the output.</param>
    public abstract void Process(IReadOnlyList<T> elements, ProcessWindowContext<TKey, TOut, TWindowState> context);

    /// <summary>
    /// Called once when the window's state is freed (the watermark reached end + allowed lateness; in processing time,
    /// the clock reached the window's last timestamp), to release what the function keeps elsewhere (Flink's <c>clear</c>).
    /// The per-window state is dropped after this call.
    /// </summary>
    /// <param name="context">The key, the window, time and per-window state; collecting here is not allowed.</param>
    public virtual void Clear(ProcessWindowContext<TKey, TOut, TWindowState> context)
    {
    }
}
