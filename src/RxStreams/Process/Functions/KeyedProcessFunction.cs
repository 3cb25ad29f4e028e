namespace RxStreams;

/// <summary>
/// A function over a keyed stream with state and timers per key (Flink's <c>KeyedProcessFunction</c>). Declare states
/// in <see cref="Open"/> from the <see cref="RuntimeContext"/>; in <see cref="ProcessElement"/> and
/// <see cref="OnTimer"/> they hold the current key's values. Each subscription (each parallel task, each restart)
/// creates its own instance from the factory given to <c>Process</c>.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public abstract class KeyedProcessFunction<TKey, TIn, TOut>
{
    /// <summary>Called once per subscription before the first record: declare states here.</summary>
    /// <param name="context">Gives the keyed states.</param>
    public virtual void Open(RuntimeContext context)
    {
    }

    /// <summary>Handles one record of the context's key.</summary>
    /// <param name="value">The record.</param>
    /// <param name="context">The key, timestamp, watermark, timers and outputs.</param>
    public abstract void ProcessElement(TIn value, KeyedProcessContext<TKey, TOut> context);

    /// <summary>A timer of the context's key fired; <see cref="KeyedProcessContext{TKey, TOut}.TimerDomain"/> says which clock.</summary>
    /// <param name="timestamp">The timer's time.</param>
    /// <param name="context">The key, watermark, timers and outputs.</param>
    public virtual void OnTimer(long timestamp, KeyedProcessContext<TKey, TOut> context)
    {
    }
}
