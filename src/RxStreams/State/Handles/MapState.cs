using System.Collections.Generic;

namespace RxStreams;

/// <summary>A map per key (Flink's <c>MapState</c>), declared with a <see cref="MapStateDescriptor{TUserKey, TUserValue}"/>.</summary>
/// <typeparam name="TUserKey">The map's key type.</typeparam>
/// <typeparam name="TUserValue">The map's value type.</typeparam>
public abstract class MapState<TUserKey, TUserValue> : IKeyedState
    where TUserKey : notnull
{
    private protected MapState()
    {
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The current key's entries (empty when none); a view that is valid until the state changes.</summary>
    public abstract IReadOnlyDictionary<TUserKey, TUserValue> Entries { get; }

    /// <summary>True when the current key's map has no entry.</summary>
    public abstract bool IsEmpty { get; }

    /// <summary>The value under <paramref name="userKey"/> in the current key's map, when there is one.</summary>
    /// <param name="userKey">The map key.</param>
    /// <param name="value">The value, or default.</param>
    public abstract bool TryGetValue(TUserKey userKey, out TUserValue value);

    /// <summary>True when the current key's map has <paramref name="userKey"/>.</summary>
    /// <param name="userKey">The map key.</param>
    public abstract bool Contains(TUserKey userKey);

    /// <summary>Sets the value under <paramref name="userKey"/> in the current key's map.</summary>
    /// <param name="userKey">The map key.</param>
    /// <param name="value">The value.</param>
    public abstract void Put(TUserKey userKey, TUserValue value);

    /// <summary>Sets several entries of the current key's map.</summary>
    /// <param name="entries">The entries.</param>
    public abstract void PutAll(IEnumerable<KeyValuePair<TUserKey, TUserValue>> entries);

    /// <summary>Removes <paramref name="userKey"/> from the current key's map; the last removal frees the map.</summary>
    /// <param name="userKey">The map key.</param>
    /// <returns>True when it was there.</returns>
    public abstract bool Remove(TUserKey userKey);

    /// <inheritdoc />
    public abstract void Clear();
}
