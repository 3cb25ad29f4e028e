namespace RxStreams;

/// <summary>
/// One accumulator per key fed by an aggregate function (Flink's <c>AggregatingState</c>), declared with an
/// <see cref="AggregatingStateDescriptor{TIn, TAcc, TOut}"/>.
/// </summary>
/// <typeparam name="TIn">The added value type.</typeparam>
/// <typeparam name="TOut">The result type.</typeparam>
public abstract class AggregatingState<TIn, TOut> : IKeyedState
{
    private protected AggregatingState()
    {
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>True when nothing was added for the current key.</summary>
    public abstract bool IsEmpty { get; }

    /// <summary>The result for the current key; the result of an empty accumulator when nothing was added.</summary>
    public abstract TOut Result { get; }

    /// <summary>Adds a value to the current key's accumulator.</summary>
    /// <param name="value">The added value.</param>
    public abstract void Add(TIn value);

    /// <inheritdoc />
    public abstract void Clear();
}
