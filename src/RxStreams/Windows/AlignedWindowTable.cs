using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Threading;
using RxStreams.Diagnostics;

namespace RxStreams.Windows;

/// <summary>
/// The contents of every key's window for one aligned window (one start and end, shared by all keys): a hash table
/// from key to contents, for the window operator's aligned path (see <c>WindowOperator</c>). Entries are held by value
/// in insertion order (which is the order the windows fire in) and found through an open-addressing index of
/// (hash, entry) pairs, so a lookup touches one 8-byte index slot and one entry, and firing the window is a scan of the
/// entries in order. Emptied with <see cref="Clear"/> and reused for a later window: steady state allocates nothing.
/// </summary>
internal sealed class AlignedWindowTable<TKey, TState>
    where TKey : notnull
{
    private const int MinIndexSize = 8;

    // Null for the default comparer of a value-type key, whose calls the JIT then devirtualizes and inlines.
    private readonly IEqualityComparer<TKey>? _comparer;
    private Entry[] _entries;

    // Linear probing; a slot is (hash << 32) | (entry + 1), 0 when empty. At most half full.
    private ulong[] _index;
    private int _shift;
    private int _count;

    // What Touch read, so that the JIT keeps the reads.
    private byte _touched;

    // Entries whose window holds no contents: a record created them and then failed (see MarkEmpty). Null when none.
    private HashSet<int>? _empty;

    public AlignedWindowTable(IEqualityComparer<TKey> comparer, int capacity)
    {
        _comparer = typeof(TKey).IsValueType && ReferenceEquals(comparer, EqualityComparer<TKey>.Default) ? null : comparer;
        Allocate(capacity);
    }

    /// <summary>True when keys compare with the default equality of their type.</summary>
    public bool DefaultComparer => _comparer is null;

    /// <summary>The window of every entry.</summary>
    public TimeWindow Window { get; set; }

    /// <summary>How many keys have the window.</summary>
    public int Count => _count;

    /// <summary>How many keys the table holds without growing.</summary>
    public int Capacity => _entries.Length;

    /// <summary>True when some window holds no contents (<see cref="HasContents"/> is then worth asking).</summary>
    public bool HasEmpty => _empty is not null;

    /// <summary>The key of the entry at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>, in insertion order).</summary>
    public ref TKey KeyAt(int index) => ref _entries[index].Key;

    /// <summary>The contents of the entry at <paramref name="index"/>; valid until the next <see cref="Add"/>.</summary>
    public ref TState ContentsAt(int index) => ref _entries[index].Contents;

    /// <summary>The entry of <paramref name="key"/>, or −1; <paramref name="hash"/> is for a following <see cref="Add"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(TKey key, out int hash)
    {
        hash = _comparer is null ? EqualityComparer<TKey>.Default.GetHashCode(key) : _comparer.GetHashCode(key);
        var index = _index;
        var mask = index.Length - 1;

        // Fibonacci hashing: the top bits of the product depend on every bit of the key's hash.
        var i = (int)(((uint)hash * 0x9E3779B9u) >> _shift);
        var tag = (ulong)(uint)hash << 32;
        while (true)
        {
            var slot = index[i];
            if (slot == 0)
            {
                return -1;
            }

            if ((slot & 0xFFFFFFFF00000000UL) == tag)
            {
                var entry = (int)(uint)slot - 1;
                if (KeyEquals(_entries[entry].Key, key))
                {
                    return entry;
                }
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>True when the table is larger than the caches: touching a key's place ahead of its lookup (<see cref="Touch"/>) then pays.</summary>
    public bool IsLarge => _index.Length >= 1 << 16;

    /// <summary>
    /// Reads the index slot of <paramref name="key"/> (and the entry it names) without using it, so that a lookup of the
    /// key soon after finds them in the cache; the reads of several keys overlap, where lookups one after the other wait
    /// for each miss in turn.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Touch(TKey key)
    {
        var hash = _comparer is null ? EqualityComparer<TKey>.Default.GetHashCode(key) : _comparer.GetHashCode(key);
        var slot = _index[(int)(((uint)hash * 0x9E3779B9u) >> _shift)];
        if (slot != 0 && (uint)slot - 1 < (uint)_entries.Length)
        {
            _touched ^= Unsafe.As<TKey, byte>(ref _entries[(int)(uint)slot - 1].Key);
        }
    }

    /// <summary>Adds <paramref name="key"/>, which must be absent, with <paramref name="hash"/> from <see cref="Find"/>; returns its entry.</summary>
    public int Add(TKey key, int hash, TState contents)
    {
        if (_count == _entries.Length)
        {
            Grow();
        }

        var entry = _count++;
        ref var added = ref _entries[entry];
        added.Key = key;
        added.Contents = contents;
        Insert(hash, entry);
        return entry;
    }

    /// <summary>The window of the entry holds no contents: a record created it and failed (the window lives on, empty, as on the per-window path).</summary>
    public void MarkEmpty(int entry) => (_empty ??= []).Add(entry);

    /// <summary>A record was added to the entry's window.</summary>
    public void MarkFilled(int entry)
    {
        if (_empty!.Remove(entry) && _empty.Count == 0)
        {
            _empty = null;
        }
    }

    /// <summary>False when the entry's window holds no contents (nothing to emit when it fires).</summary>
    public bool HasContents(int entry) => _empty is null || !_empty.Contains(entry);

    /// <summary>Empties the table for another window; it keeps its arrays unless they are far larger than <paramref name="recentPeak"/> keys need.</summary>
    public void Clear(int recentPeak)
    {
        var wanted = Math.Max(MinIndexSize, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, recentPeak)));
        if (_entries.Length > 1024 && _entries.Length > 4 * wanted)
        {
            Allocate(wanted);
        }
        else
        {
            if (RuntimeHelpers.IsReferenceOrContainsReferences<Entry>())
            {
                Array.Clear(_entries, 0, _count);
            }

            if (IsLarge)
            {
                Array.Clear(_index);
            }
            else
            {
                ClearSlots();
            }
        }

        _count = 0;
        _empty = null;
    }

    /// <summary>
    /// Adds the window of every entry to <paramref name="windows"/> without changing anything, so it may run on another
    /// thread than the operator's (an entry added meanwhile may be missed).
    /// </summary>
    public void Peek(List<WindowSlot> windows)
    {
        var count = Math.Min(Volatile.Read(ref _count), _entries.Length);
        var window = Window;
        for (var i = 0; i < count; i++)
        {
            windows.Add(new WindowSlot(window, false));
        }
    }

    /// <summary>
    /// Empties the index slot of every entry: in a table that fits in the cache this costs less than clearing the whole
    /// index, which per window was most of a window's cost where windows hold few records.
    /// </summary>
    private void ClearSlots()
    {
        var index = _index;
        var mask = index.Length - 1;
        for (var entry = 0; entry < _count; entry++)
        {
            var key = _entries[entry].Key;
            var hash = _comparer is null ? EqualityComparer<TKey>.Default.GetHashCode(key) : _comparer.GetHashCode(key);

            // The entry's slot is at or after its home; slots of other entries cleared already do not end the search.
            var i = (int)(((uint)hash * 0x9E3779B9u) >> _shift);
            while ((uint)index[i] != (uint)(entry + 1))
            {
                i = (i + 1) & mask;
            }

            index[i] = 0;
        }
    }

    private bool KeyEquals(TKey a, TKey b) =>
        _comparer is null ? EqualityComparer<TKey>.Default.Equals(a, b) : _comparer.Equals(a, b);

    private void Insert(int hash, int entry)
    {
        var mask = _index.Length - 1;
        var i = (int)(((uint)hash * 0x9E3779B9u) >> _shift);
        while (_index[i] != 0)
        {
            i = (i + 1) & mask;
        }

        _index[i] = ((ulong)(uint)hash << 32) | (uint)(entry + 1);
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_entries), nameof(_index))]
    private void Allocate(int capacity)
    {
        capacity = Math.Max(MinIndexSize / 2, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, capacity)));
        _entries = new Entry[capacity];
        _index = new ulong[capacity * 2];
        _shift = 32 - BitOperations.Log2((uint)_index.Length);
    }

    /// <summary>Doubles the entries and the index, and reinserts every entry with the hash its old slot kept.</summary>
    private void Grow()
    {
        Array.Resize(ref _entries, _entries.Length * 2);
        var old = _index;
        _index = new ulong[_entries.Length * 2];
        _shift = 32 - BitOperations.Log2((uint)_index.Length);
        foreach (var slot in old)
        {
            if (slot != 0)
            {
                Insert((int)(slot >> 32), (int)(uint)slot - 1);
            }
        }
    }

    private struct Entry
    {
        public TKey Key;
        public TState Contents;
    }
}
