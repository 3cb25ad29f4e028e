using System.Collections.Generic;

namespace RxStreams;

/// <summary>
/// The state of one keyed operator, partitioned by key and held in one place so that it can be snapshotted for a
/// checkpoint and restored after a failure. Used by one operator task at a time; not thread-safe.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TState">The per-key state.</typeparam>
public interface IKeyedStateStore<TKey, TState>
    where TKey : notnull
{
    /// <summary>How many keys hold state.</summary>
    int Count { get; }

    /// <summary>The state of <paramref name="key"/>, when it has any.</summary>
    /// <param name="key">The key.</param>
    /// <param name="state">Its state, or default.</param>
    bool TryGet(TKey key, out TState state);

    /// <summary>A reference to the state of <paramref name="key"/>, added as <c>default</c> when absent: one lookup to read and update.</summary>
    /// <param name="key">The key.</param>
    /// <param name="existed">False when the entry was just added.</param>
    ref TState GetOrAdd(TKey key, out bool existed);

    /// <summary>Frees the state of <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>True when the key held state.</returns>
    bool Remove(TKey key);

    /// <summary>A copy of every key's state, for a checkpoint. Later changes to the store do not affect it.</summary>
    IReadOnlyList<KeyValuePair<TKey, TState>> Snapshot();

    /// <summary>Replaces the whole content with <paramref name="snapshot"/>, after a failure.</summary>
    /// <param name="snapshot">What <see cref="Snapshot"/> returned.</param>
    void Restore(IEnumerable<KeyValuePair<TKey, TState>> snapshot);
}
