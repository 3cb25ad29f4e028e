namespace RxStreams;

/// <summary>
/// A function over two connected streams that are not keyed (Flink's <c>CoProcessFunction</c>): each input has its
/// own handler; both emit to one output.
/// </summary>
/// <typeparam name="T1">The first input's type.</typeparam>
/// <typeparam name="T2">The second input's type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public abstract class CoProcessFunction<T1, T2, TOut>
{
    /// <summary>Called once per subscription before the first record.</summary>
    /// <param name="context">The operator's name.</param>
    public virtual void Open(RuntimeContext context)
    {
    }

    /// <summary>Handles a record of the first input.</summary>
    /// <param name="value">The record.</param>
    /// <param name="context">Its timestamp, the watermark and the outputs.</param>
    public abstract void ProcessElement1(T1 value, ProcessContext<TOut> context);

    /// <summary>Handles a record of the second input.</summary>
    /// <param name="value">The record.</param>
    /// <param name="context">Its timestamp, the watermark and the outputs.</param>
    public abstract void ProcessElement2(T2 value, ProcessContext<TOut> context);
}
