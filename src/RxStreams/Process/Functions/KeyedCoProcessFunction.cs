namespace RxStreams;

/// <summary>
/// A function over two connected streams keyed alike (Flink's <c>KeyedCoProcessFunction</c>): both inputs share the
/// key's state and timers, so one input can enrich, match or gate the other.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="T1">The first input's type.</typeparam>
/// <typeparam name="T2">The second input's type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public abstract class KeyedCoProcessFunction<TKey, T1, T2, TOut>
{
    /// <summary>Called once per subscription before the first record: declare states here.</summary>
    /// <param name="context">Gives the keyed states.</param>
    public virtual void Open(RuntimeContext context)
    {
    }

    /// <summary>Handles a record of the first input for the context's key.</summary>
    /// <param name="value">The record.</param>
    /// <param name="context">The key, timestamp, watermark, timers and outputs.</param>
    public abstract void ProcessElement1(T1 value, KeyedProcessContext<TKey, TOut> context);

    /// <summary>Handles a record of the second input for the context's key.</summary>
    /// <param name="value">The record.</param>
    /// <param name="context">The key, timestamp, watermark, timers and outputs.</param>
    public abstract void ProcessElement2(T2 value, KeyedProcessContext<TKey, TOut> context);

    /// <summary>A timer of the context's key fired.</summary>
    /// <param name="timestamp">The timer's time.</param>
    /// <param name="context">The key, watermark, timers and outputs.</param>
    public virtual void OnTimer(long timestamp, KeyedProcessContext<TKey, TOut> context)
    {
    }
}
