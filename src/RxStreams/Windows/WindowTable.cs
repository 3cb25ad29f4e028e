using System;
using System.Collections.Generic;
using System.Numerics;

namespace RxStreams.Windows;

/// <summary>
/// The window state of one window operator: a hash table from (key, window) to a <see cref="WindowEntry{TKey, TState}"/>
/// held by value in one array. A slot keeps its index while the window lives (growing copies the array in order), so
/// timers reach their window by index and only hash when the slot was reused; freed slots are reused, so steady state
/// allocates nothing. Refs returned by the indexer are valid until the next <see cref="Add"/>.
/// </summary>
internal sealed class WindowTable<TKey, TState>
    where TKey : notnull
{
    private const int InitialCapacity = 64;

    // Null for the default comparer of a value-type key, whose calls the JIT then devirtualizes and inlines (as Dictionary does).
    private readonly IEqualityComparer<TKey>? _comparer;
    private WindowEntry<TKey, TState>[] _entries;
    private int[] _buckets;
    private int _shift;
    private int _used;
    private int _freeHead = -1;

    public WindowTable(IEqualityComparer<TKey> comparer)
    {
        _comparer = typeof(TKey).IsValueType && ReferenceEquals(comparer, EqualityComparer<TKey>.Default) ? null : comparer;
        _entries = new WindowEntry<TKey, TState>[InitialCapacity];
        _buckets = NewBuckets(InitialCapacity);
        _shift = 32 - BitOperations.Log2(InitialCapacity);
    }

    /// <summary>The entry in <paramref name="slot"/>.</summary>
    public ref WindowEntry<TKey, TState> this[int slot] => ref _entries[slot];

    /// <summary>The slot of (key, window), or −1; <paramref name="hash"/> is for a following <see cref="Add"/>.</summary>
    public int Find(TKey key, TimeWindow window, out int hash)
    {
        hash = Hash(key, window);
        var entries = _entries;
        var i = _buckets[Bucket(hash)];
        while ((uint)i < (uint)entries.Length)
        {
            ref var entry = ref entries[i];
            if (entry.HashCode == hash && entry.Window == window && KeyEquals(entry.Key, key))
            {
                return i;
            }

            i = entry.Next;
        }

        return -1;
    }

    /// <summary>The slot of (key, window), or −1.</summary>
    public int Find(TKey key, TimeWindow window) => Find(key, window, out _);

    /// <summary>The slot the handle names when its window still holds state, or −1.</summary>
    public int Resolve(in WindowHandle<TKey> handle) =>
        _entries[handle.Slot].Generation == handle.Generation ? handle.Slot : Find(handle.Key, handle.Window);

    /// <summary>Adds (key, window), which must be absent, with <paramref name="hash"/> from <see cref="Find(TKey, TimeWindow, out int)"/>; returns its slot.</summary>
    public int Add(TKey key, TimeWindow window, int hash, TState contents)
    {
        int slot;
        if (_freeHead >= 0)
        {
            slot = _freeHead;
            _freeHead = _entries[slot].Next;
        }
        else
        {
            if (_used == _entries.Length)
            {
                Grow();
            }

            slot = _used++;
        }

        ref var bucket = ref _buckets[Bucket(hash)];
        ref var entry = ref _entries[slot];
        entry.Key = key;
        entry.Window = window;
        entry.Contents = contents;
        entry.LastEventTimer = long.MinValue;
        entry.HashCode = hash;
        entry.Next = bucket;
        entry.Live = true;
        bucket = slot;
        return slot;
    }

    /// <summary>Frees the window in <paramref name="slot"/>; its handles stop matching.</summary>
    public void Remove(int slot)
    {
        var entries = _entries;
        ref var entry = ref entries[slot];
        ref var link = ref _buckets[Bucket(entry.HashCode)];
        while (link != slot)
        {
            link = ref entries[link].Next;
        }

        link = entry.Next;

        // Clearing drops the key and contents for the GC; the generation survives so that old handles stay stale.
        var generation = entry.Generation + 1;
        entry = default;
        entry.Generation = generation;
        entry.Next = _freeHead;
        _freeHead = slot;
    }

    /// <summary>The slots handed out so far, live or freed: an upper bound of the live windows.</summary>
    public int SlotsUsed => _used;

    /// <summary>Appends the slots of every live window, in slot order; for snapshots, off the hot path.</summary>
    public void CopyLiveSlotsTo(List<int> slots)
    {
        // A scan in slot order reads memory in sequence; walking the hash chains would miss the cache once per window.
        var entries = _entries;
        for (var i = 0; i < _used; i++)
        {
            if (entries[i].Live)
            {
                slots.Add(i);
            }
        }
    }

    private int Bucket(int hash) => (int)((uint)hash >> _shift);

    private int Hash(TKey key, TimeWindow window)
    {
        var keyHash = _comparer is null ? EqualityComparer<TKey>.Default.GetHashCode(key) : _comparer.GetHashCode(key);

        // Fibonacci hashing: multiply by 2^64/φ and keep the top bits, which depend on every input bit.
        var mixed = unchecked(((ulong)(uint)keyHash + ((ulong)window.Start * 0xC2B2AE3D27D4EB4FUL) + ((ulong)window.End * 0x165667B19E3779F9UL)) * 0x9E3779B97F4A7C15UL);
        return (int)(mixed >> 32);
    }

    private bool KeyEquals(TKey a, TKey b) =>
        _comparer is null ? EqualityComparer<TKey>.Default.Equals(a, b) : _comparer.Equals(a, b);

    /// <summary>Doubles the table; called only when every slot is in use, so every slot is rehashed.</summary>
    private void Grow()
    {
        var entries = new WindowEntry<TKey, TState>[_entries.Length * 2];
        Array.Copy(_entries, entries, _used);
        _shift--;
        _buckets = NewBuckets(entries.Length);
        for (var i = 0; i < _used; i++)
        {
            ref var bucket = ref _buckets[Bucket(entries[i].HashCode)];
            entries[i].Next = bucket;
            bucket = i;
        }

        _entries = entries;
    }

    private static int[] NewBuckets(int length)
    {
        var buckets = new int[length];
        Array.Fill(buckets, -1);
        return buckets;
    }
}
