namespace RxStreams;

/// <summary>
/// A function over every record of a stream that is not keyed (Flink's <c>ProcessFunction</c>): it emits zero or more
/// results per record. Timers and keyed state need a keyed stream (<see cref="KeyedProcessFunction{TKey, TIn, TOut}"/>).
/// </summary>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public abstract class ProcessFunction<TIn, TOut>
{
    /// <summary>Called once per subscription before the first record.</summary>
    /// <param name="context">The operator's name.</param>
    public virtual void Open(RuntimeContext context)
    {
    }

    /// <summary>Handles one record; emit results with <see cref="ProcessContext{TOut}.Collect(TOut)"/>.</summary>
    /// <param name="value">The record.</param>
    /// <param name="context">Its timestamp, the watermark and the outputs.</param>
    public abstract void ProcessElement(TIn value, ProcessContext<TOut> context);
}
