using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace RxStreams.State;

/// <summary>
/// A hash table whose snapshot costs no copy at the barrier (the idea of Flink's <c>CopyOnWriteStateMap</c>, at page
/// granularity): entries live in pages of 4,096; <see cref="Capture"/> keeps references to the current pages, and
/// while a captured snapshot is still being written, the first change to a page copies it. Reads never copy.
/// One thread uses the table; the snapshot is read by another, and released from it.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TPayload">What each key holds; copied with its page.</typeparam>
internal sealed class CowHashTable<TKey, TPayload>
    where TKey : notnull
{
    private const int PageBits = 12;
    private const int PageSize = 1 << PageBits;
    private const int PageMask = PageSize - 1;
    private const int Free = -1;
    private const int MinBuckets = 17;

    // Null for a value-type key with the default comparer, which is then called directly (devirtualized, as Dictionary does).
    private readonly IEqualityComparer<TKey>? _comparer;
    private int[] _buckets;
    private ulong _fastModMultiplier;
    private Page[] _pages = [];
    private int _used;
    private int _count;
    private int _freeList = -1;
    private int _version;
    private int _outstanding;

    public CowHashTable(IEqualityComparer<TKey> comparer)
    {
        _comparer = typeof(TKey).IsValueType && ReferenceEquals(comparer, EqualityComparer<TKey>.Default) ? null : comparer;
        _buckets = new int[MinBuckets];
        _fastModMultiplier = (ulong.MaxValue / MinBuckets) + 1;
    }

    /// <summary>How many keys the table holds.</summary>
    public int Count => _count;

    /// <summary>Changes when slots move (the table shrank), so slots remembered before are stale.</summary>
    public int Generation { get; private set; }

    /// <summary>The entry slots in use or freed (the table's size for memory purposes).</summary>
    public int Capacity => _used;

    /// <summary>A reference to the payload of <paramref name="key"/> for reading only, or a null reference.</summary>
    public ref TPayload FindForRead(TKey key)
    {
        var index = IndexOf(key);
        return ref index < 0 ? ref Unsafe.NullRef<TPayload>() : ref Read(index);
    }

    /// <summary>A reference to the payload of <paramref name="key"/> to change in place, or a null reference.</summary>
    public ref TPayload FindForWrite(TKey key)
    {
        var index = IndexOf(key);
        return ref index < 0 ? ref Unsafe.NullRef<TPayload>() : ref Write(index);
    }

    /// <summary>A reference to the payload of <paramref name="key"/> to change in place, added as <c>default</c> when absent.</summary>
    public ref TPayload GetOrAdd(TKey key, out bool existed)
    {
        var index = IndexOf(key);
        existed = index >= 0;
        return ref Write(existed ? index : Add(key));
    }

    /// <summary>The slot of <paramref name="key"/>, or -1. A slot stays the key's until the key is removed or the table shrinks.</summary>
    public int IndexOf(TKey key) => Find(key, Hash(key));

    /// <summary>The payload in slot <paramref name="index"/>, for reading only.</summary>
    public ref TPayload Read(int index) => ref _pages[index >> PageBits].Entries[index & PageMask].Payload;

    /// <summary>The payload in slot <paramref name="index"/>, to change in place (its page copied first if a snapshot holds it).</summary>
    public ref TPayload Write(int index) => ref Writable(index).Payload;

    /// <summary>Adds <paramref name="key"/>, which must be absent, with a <c>default</c> payload; returns its slot.</summary>
    public int Add(TKey key)
    {
        var hash = Hash(key);
        if (_count + 1 > _buckets.Length)
        {
            Resize(Prime(_buckets.Length * 2));
        }

        int index;
        if (_freeList >= 0)
        {
            index = _freeList;
            _freeList = Writable(index).Next;
        }
        else
        {
            index = _used++;
            if ((index >> PageBits) == _pages.Length)
            {
                Array.Resize(ref _pages, Math.Max(4, _pages.Length * 2));
            }

            _pages[index >> PageBits] ??= new Page(_version);
        }

        var bucket = Bucket(hash);
        ref var entry = ref Writable(index);
        entry.Key = key;
        entry.Hash = hash;
        entry.Next = _buckets[bucket] - 1;
        entry.Payload = default!;
        _buckets[bucket] = index + 1;
        _count++;
        return index;
    }

    /// <summary>Frees <paramref name="key"/>; true when it was there.</summary>
    public bool Remove(TKey key)
    {
        var hash = Hash(key);
        var bucket = Bucket(hash);
        var previous = -1;
        for (var index = _buckets[bucket] - 1; index >= 0;)
        {
            ref readonly var entry = ref _pages[index >> PageBits].Entries[index & PageMask];
            if (entry.Hash == hash && KeyEquals(entry.Key, key))
            {
                var next = entry.Next;
                if (previous < 0)
                {
                    _buckets[bucket] = next + 1;
                }
                else
                {
                    Writable(previous).Next = next;
                }

                ref var freed = ref Writable(index);
                freed.Key = default!;
                freed.Payload = default!;
                freed.Hash = Free;
                freed.Next = _freeList;
                _freeList = index;
                _count--;
                return true;
            }

            previous = index;
            index = entry.Next;
        }

        return false;
    }

    /// <summary>Every live entry, by value, in slot order.</summary>
    public IEnumerable<(TKey Key, TPayload Payload)> Entries()
    {
        for (var index = 0; index < _used; index++)
        {
            var entry = _pages[index >> PageBits].Entries[index & PageMask];
            if (entry.Hash != Free)
            {
                yield return (entry.Key, entry.Payload);
            }
        }
    }

    /// <summary>
    /// The table as it is now, for a snapshot written on another thread: the pages are not copied; changes made
    /// before <see cref="Snapshot.Release"/> copy the pages they touch instead.
    /// </summary>
    public Snapshot Capture()
    {
        var pages = new Entry[(_used + PageMask) >> PageBits][];
        for (var i = 0; i < pages.Length; i++)
        {
            pages[i] = _pages[i].Entries;
        }

        _version++;
        Interlocked.Increment(ref _outstanding);
        return new Snapshot(this, pages, _used);
    }

    /// <summary>Gives memory back after a spike: rebuilds the table at the size its keys need, when far fewer remain than it holds room for.</summary>
    public void Shrink()
    {
        if (_used <= PageSize || _count >= _used / 4)
        {
            return;
        }

        var live = new List<(TKey, TPayload)>(_count);
        live.AddRange(Entries());
        _pages = [];
        _used = 0;
        _count = 0;
        _freeList = -1;
        _buckets = new int[Prime(Math.Max(MinBuckets, live.Count))];
        _fastModMultiplier = (ulong.MaxValue / (uint)_buckets.Length) + 1;
        foreach (var (key, payload) in live)
        {
            Write(Add(key)) = payload;
        }

        Generation++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Hash(TKey key) =>
        (typeof(TKey).IsValueType && _comparer is null ? EqualityComparer<TKey>.Default.GetHashCode(key) : _comparer!.GetHashCode(key)) & int.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool KeyEquals(TKey a, TKey b) =>
        typeof(TKey).IsValueType && _comparer is null ? EqualityComparer<TKey>.Default.Equals(a, b) : _comparer!.Equals(a, b);

    // hash mod a prime bucket count, by multiplication (Lemire's fastmod, as Dictionary does): dense integer keys never
    // collide, and a chain is one entry long on average.
    private int Bucket(int hash) =>
        (int)(uint)((((_fastModMultiplier * (uint)hash) >> 32) + 1) * (ulong)(uint)_buckets.Length >> 32);

    private static int Prime(int atLeast)
    {
        for (var candidate = atLeast | 1; ; candidate += 2)
        {
            var prime = true;
            for (var divisor = 3; (long)divisor * divisor <= candidate; divisor += 2)
            {
                if (candidate % divisor == 0)
                {
                    prime = false;
                    break;
                }
            }

            if (prime)
            {
                return candidate;
            }
        }
    }

    private int Find(TKey key, int hash)
    {
        for (var index = _buckets[Bucket(hash)] - 1; index >= 0;)
        {
            ref readonly var entry = ref _pages[index >> PageBits].Entries[index & PageMask];
            if (entry.Hash == hash && KeyEquals(entry.Key, key))
            {
                return index;
            }

            index = entry.Next;
        }

        return -1;
    }

    /// <summary>The entry at <paramref name="index"/>, its page copied first if a snapshot being written still holds it.</summary>
    private ref Entry Writable(int index)
    {
        var page = _pages[index >> PageBits];
        if (page.Version != _version)
        {
            if (Volatile.Read(ref _outstanding) > 0)
            {
                page.Entries = (Entry[])page.Entries.Clone();
            }

            page.Version = _version;
        }

        return ref page.Entries[index & PageMask];
    }

    private void Resize(int size)
    {
        _buckets = new int[size];
        _fastModMultiplier = (ulong.MaxValue / (uint)size) + 1;
        for (var index = 0; index < _used; index++)
        {
            if (_pages[index >> PageBits].Entries[index & PageMask].Hash == Free)
            {
                continue;
            }

            ref var entry = ref Writable(index);
            var bucket = Bucket(entry.Hash);
            entry.Next = _buckets[bucket] - 1;
            _buckets[bucket] = index + 1;
        }
    }

    private void Release() => Interlocked.Decrement(ref _outstanding);

    /// <summary>One slot: a live key and its payload, or a free slot chained into the free list.</summary>
    internal struct Entry
    {
        public TKey Key;
        public TPayload Payload;
        public int Hash;
        public int Next;
    }

    private sealed class Page(int version)
    {
        public Entry[] Entries = new Entry[PageSize];
        public int Version = version;
    }

    /// <summary>The pages of a table at a barrier; read from any thread, then released.</summary>
    internal sealed class Snapshot
    {
        private readonly CowHashTable<TKey, TPayload> _table;
        private readonly Entry[][] _pages;
        private readonly int _used;
        private int _released;

        internal Snapshot(CowHashTable<TKey, TPayload> table, Entry[][] pages, int used)
        {
            _table = table;
            _pages = pages;
            _used = used;
        }

        /// <summary>Calls <paramref name="visit"/> with every live entry as it was at the barrier.</summary>
        public void ForEach<TVisitor>(ref TVisitor visit)
            where TVisitor : struct, IEntryVisitor
        {
            for (var index = 0; index < _used; index++)
            {
                ref readonly var entry = ref _pages[index >> PageBits][index & PageMask];
                if (entry.Hash != Free)
                {
                    visit.Visit(entry.Key, entry.Payload);
                }
            }
        }

        /// <summary>The snapshot is written: later changes need not copy pages for it any more.</summary>
        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _table.Release();
            }
        }
    }

    /// <summary>Receives the entries of a <see cref="Snapshot"/>.</summary>
    internal interface IEntryVisitor
    {
        void Visit(TKey key, in TPayload payload);
    }
}
