namespace RxStreams;

/// <summary>
/// One value per key that every added value is reduced into (Flink's <c>ReducingState</c>), declared with a
/// <see cref="ReducingStateDescriptor{T}"/>.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public abstract class ReducingState<T> : IKeyedState
{
    private protected ReducingState()
    {
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The current key's reduced value, when anything was added.</summary>
    /// <param name="value">The value, or default.</param>
    public abstract bool TryGet(out T value);

    /// <summary>The current key's reduced value; default when nothing was added.</summary>
    public abstract T Value { get; }

    /// <summary>Reduces <paramref name="value"/> into the current key's value (the first value is kept as it is).</summary>
    /// <param name="value">The added value.</param>
    public abstract void Add(T value);

    /// <inheritdoc />
    public abstract void Clear();
}
