namespace RxStreams;

/// <summary>One value per key (Flink's <c>ValueState</c>), declared with a <see cref="ValueStateDescriptor{T}"/>.</summary>
/// <typeparam name="T">The value type.</typeparam>
public abstract class ValueState<T> : IKeyedState
{
    private protected ValueState()
    {
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The current key's value; the descriptor's default value when it has none. Setting it is <see cref="Update"/>.</summary>
    public abstract T Value { get; set; }

    /// <summary>The current key's value, when it has one.</summary>
    /// <param name="value">The value, or default.</param>
    public abstract bool TryGetValue(out T value);

    /// <summary>Sets the current key's value.</summary>
    /// <param name="value">The new value.</param>
    public abstract void Update(T value);

    /// <inheritdoc />
    public abstract void Clear();
}
