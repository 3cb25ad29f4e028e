using System.Collections.Generic;

namespace RxStreams;

/// <summary>A list of values per key (Flink's <c>ListState</c>), declared with a <see cref="ListStateDescriptor{T}"/>.</summary>
/// <typeparam name="T">The element type.</typeparam>
public abstract class ListState<T> : IKeyedState
{
    private protected ListState()
    {
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The current key's elements in the order added (empty when none); a view that is valid until the state changes.</summary>
    public abstract IReadOnlyList<T> Values { get; }

    /// <summary>Appends an element to the current key's list.</summary>
    /// <param name="value">The element.</param>
    public abstract void Add(T value);

    /// <summary>Appends elements to the current key's list.</summary>
    /// <param name="values">The elements.</param>
    public abstract void AddAll(IEnumerable<T> values);

    /// <summary>Replaces the current key's list; an empty sequence frees it.</summary>
    /// <param name="values">The new elements.</param>
    public abstract void Update(IEnumerable<T> values);

    /// <inheritdoc />
    public abstract void Clear();
}
