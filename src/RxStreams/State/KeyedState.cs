using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace RxStreams;

/// <summary>The in-memory <see cref="IKeyedStateStore{TKey, TState}"/>: a hash table with one lookup per update.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TState">The per-key state.</typeparam>
public sealed class KeyedState<TKey, TState> : IKeyedStateStore<TKey, TState>
    where TKey : notnull
{
    private readonly Dictionary<TKey, TState> _entries;

    /// <summary>Creates an empty store.</summary>
    /// <param name="comparer">How keys compare; the default comparer when null.</param>
    public KeyedState(IEqualityComparer<TKey>? comparer = null) => _entries = new Dictionary<TKey, TState>(comparer);

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public bool TryGet(TKey key, out TState state) => _entries.TryGetValue(key, out state!);

    /// <inheritdoc />
    public ref TState GetOrAdd(TKey key, out bool existed) =>
        ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out existed)!;

    /// <inheritdoc />
    public bool Remove(TKey key) => _entries.Remove(key);

    /// <summary>The live entries, for a checkpoint that writes them at once.</summary>
    internal Dictionary<TKey, TState> Entries => _entries;

    /// <summary>Adds one restored entry.</summary>
    internal void Restore(TKey key, TState state) => _entries[key] = state;

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<TKey, TState>> Snapshot()
    {
        var copy = new KeyValuePair<TKey, TState>[_entries.Count];
        var i = 0;
        foreach (var entry in _entries)
        {
            copy[i++] = entry;
        }

        return copy;
    }

    /// <inheritdoc />
    public void Restore(IEnumerable<KeyValuePair<TKey, TState>> snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _entries.Clear();
        foreach (var (key, state) in snapshot)
        {
            _entries[key] = state;
        }
    }
}
