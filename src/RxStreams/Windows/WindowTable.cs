using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace RxStreams.Windows;

/// <summary>
/// The window state of one window operator: a hash table from (key, window) to a <see cref="WindowEntry{TKey, TState}"/>
/// held by value in pages of 4,096 entries. A slot keeps its index while the window lives (growing adds a page and
/// moves nothing), so timers reach their window by index and only hash when the slot was reused; freed slots are
/// reused, so steady state allocates nothing. Refs returned by the indexer are valid until the next <see cref="Add"/>,
/// <see cref="Capture"/> or <see cref="ShrinkIfSparse"/>. After a spike the table gives its memory back (see
/// <see cref="ShrinkIfSparse"/>).
/// </summary>
/// <remarks>
/// Copy-on-write for checkpoints (as Flink's <c>CopyOnWriteStateMap</c>): <see cref="Capture"/> only marks the pages
/// shared with the snapshot, in time proportional to the number of pages; the first access to a shared page through the
/// indexer copies it, so the snapshot keeps the page as it was while it is written off the operator's thread. The
/// pages copied away are reused for the copies after the next barrier once every capture has been written
/// (<see cref="CapturedWindows{TKey, TState}.Release"/>), so a checkpoint allocates no pages in steady state; a page
/// touched only after its capture was written is not copied at all.
/// </remarks>
internal sealed partial class WindowTable<TKey, TState>
    where TKey : notnull
{
    /// <summary>Entries per page: 2^<see cref="PageBits"/>.</summary>
    internal const int PageBits = 12;

    /// <summary>The slot bits within a page.</summary>
    internal const int PageMask = PageSize - 1;

    private const int PageSize = 1 << PageBits;
    private const int InitialCapacity = 64;

    /// <summary>Tables of up to this many slots never shrink: they cost little and rebuilding them would churn.</summary>
    private const int MinShrinkCapacity = 2 * PageSize;

    // Null for the default comparer of a value-type key, whose calls the JIT then devirtualizes and inlines (as Dictionary does).
    private readonly IEqualityComparer<TKey>? _comparer;
    private WindowEntry<TKey, TState>[][] _pages;
    private bool[] _shared;

    // How many pages a capture still shares: zero between checkpoints, so the indexer tests one field and moves on.
    private int _sharedPages;

    // Captures not yet written (raised on this thread, lowered by the writer's thread).
    private int _openCaptures;

    // Full pages copied away since the latest capture (which may read them), and before it (read only by older
    // captures): reusable once the captures that may read them are written. At most one table's worth of each is kept.
    private readonly List<WindowEntry<TKey, TState>[]> _retiredSinceCapture = [];
    private readonly List<WindowEntry<TKey, TState>[]> _retiredBeforeCapture = [];
    private readonly Stack<WindowEntry<TKey, TState>[]> _freePages = new();
    private CapturedWindows<TKey, TState>? _latestCapture;
    private int _capacity;
    private int[] _buckets;
    private int _shift;
    private int _used;
    private int _live;

    // The most windows held at once since the last ShrinkIfSparse: a table is sparse only if it stayed so.
    private int _peakLive;
    private int _freeHead = -1;

    // The generation fresh slots start at: after a rebuild, above every generation a handle to the old layout can hold.
    private int _generationFloor;

    public WindowTable(IEqualityComparer<TKey> comparer)
    {
        _comparer = typeof(TKey).IsValueType && ReferenceEquals(comparer, EqualityComparer<TKey>.Default) ? null : comparer;
        _pages = [new WindowEntry<TKey, TState>[InitialCapacity]];
        _shared = new bool[1];
        _capacity = InitialCapacity;
        _buckets = NewBuckets(InitialCapacity);
        _shift = 32 - BitOperations.Log2(InitialCapacity);
    }

    /// <summary>The entry in <paramref name="slot"/>, to read or change (a page shared with a snapshot is copied first).</summary>
    public ref WindowEntry<TKey, TState> this[int slot]
    {
        get
        {
            if (_sharedPages != 0)
            {
                UnshareIfShared(slot >> PageBits);
            }

            return ref _pages[slot >> PageBits][slot & PageMask];
        }
    }

    /// <summary>The slot of (key, window), or −1; <paramref name="hash"/> is for a following <see cref="Add"/>.</summary>
    public int Find(TKey key, TimeWindow window, out int hash)
    {
        hash = Hash(key, window);
        var pages = _pages;
        var i = _buckets[Bucket(hash)];
        while (i >= 0)
        {
            ref readonly var entry = ref pages[i >> PageBits][i & PageMask];
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
        (uint)handle.Slot < (uint)_used && _pages[handle.Slot >> PageBits][handle.Slot & PageMask].Generation == handle.Generation
            ? handle.Slot
            : Find(handle.Key, handle.Window);

    /// <summary>Adds (key, window), which must be absent, with <paramref name="hash"/> from <see cref="Find(TKey, TimeWindow, out int)"/>; returns its slot.</summary>
    public int Add(TKey key, TimeWindow window, int hash, TState contents)
    {
        int slot;
        if (_freeHead >= 0)
        {
            slot = _freeHead;
            _freeHead = this[slot].Next;
        }
        else
        {
            if (_used == _capacity)
            {
                Grow();
            }

            slot = _used++;
            this[slot].Generation = _generationFloor;
        }

        if (++_live > _peakLive)
        {
            _peakLive = _live;
        }
        ref var bucket = ref _buckets[Bucket(hash)];
        ref var entry = ref this[slot];
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
        ref var entry = ref this[slot];
        ref var link = ref _buckets[Bucket(entry.HashCode)];
        while (link != slot)
        {
            link = ref this[link].Next;
        }

        link = entry.Next;

        // Clearing drops the key and contents for the GC; the generation survives so that old handles stay stale.
        var generation = entry.Generation + 1;
        entry = default;
        entry.Generation = generation;
        entry.Next = _freeHead;
        _freeHead = slot;
        _live--;
    }

    /// <summary>
    /// Gives memory back after a spike: when fewer than an eighth of the slots held windows all the time since the
    /// previous call (in a table of more than two pages), rebuilds it at twice the live windows, so it is half full.
    /// Tumbling windows that all end at once empty the table at each end and fill it again before the next, so the
    /// emptiness at one call is not enough: the table would be rebuilt small and regrown every window. After a real
    /// spike the memory comes back at the second call. The gap between growing (when full) and shrinking (below an
    /// eighth) keeps a table whose load swings from rebuilding each time. Moved windows get a generation above every
    /// old one, so timers of the old layout find them by key and window (see <see cref="Resolve"/>).
    /// Call it only between records and timers: it moves every window to a new slot.
    /// </summary>
    public void ShrinkIfSparse()
    {
        var peak = _peakLive;
        _peakLive = _live;
        if (_capacity > MinShrinkCapacity && peak < _capacity / 8)
        {
            Rebuild(Math.Max(InitialCapacity, 2 * _live));
        }
    }

    /// <summary>How many times the table was rebuilt (shrunk) so far.</summary>
    internal int Rebuilds { get; private set; }

    /// <summary>How many page copies needed a new array (the others reused a page copied away earlier).</summary>
    internal int PagesAllocatedForCopies { get; private set; }

    /// <summary>The slots handed out so far, live or freed: an upper bound of the live windows.</summary>
    public int SlotsUsed => _used;

    /// <summary>
    /// The table as it is now, for a snapshot written later off the operator's thread: the pages are shared with the
    /// capture until the operator next changes them (then it copies them), so this costs one flag per page.
    /// </summary>
    public CapturedWindows<TKey, TState> Capture()
    {
        if (Volatile.Read(ref _openCaptures) == 0)
        {
            // Every capture was written: every page copied away is free again.
            Free(_retiredBeforeCapture);
            Free(_retiredSinceCapture);
        }
        else
        {
            RecycleIfOnlyLatestOpen();
        }

        // The new capture does not read the pages copied away before it: only the older captures do.
        if (_retiredBeforeCapture.Count + _retiredSinceCapture.Count <= _pages.Length)
        {
            _retiredBeforeCapture.AddRange(_retiredSinceCapture);
        }

        _retiredSinceCapture.Clear();
        Array.Fill(_shared, true);
        _sharedPages = _shared.Length;
        Interlocked.Increment(ref _openCaptures);
        _latestCapture = new CapturedWindows<TKey, TState>((WindowEntry<TKey, TState>[][])_pages.Clone(), _used, this);
        return _latestCapture;
    }

    /// <summary>A capture was written (called once per capture, on any thread): its pages are no longer read.</summary>
    internal void OnCaptureReleased() => Interlocked.Decrement(ref _openCaptures);

    /// <summary>The capture was written already (on the operator's thread): its pages need not be copied.</summary>
    public void EndCapture()
    {
        Array.Clear(_shared);
        _sharedPages = 0;
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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void UnshareIfShared(int page)
    {
        if (!_shared[page])
        {
            return;
        }

        if (Volatile.Read(ref _openCaptures) == 0)
        {
            // The captures were written already: no page needs a copy any more.
            EndCapture();
            return;
        }

        var old = _pages[page];
        if (_freePages.Count == 0 && _retiredBeforeCapture.Count > 0)
        {
            RecycleIfOnlyLatestOpen();
        }

        if (old.Length == PageSize && _freePages.TryPop(out var copy))
        {
            Array.Copy(old, copy, PageSize);
        }
        else
        {
            copy = (WindowEntry<TKey, TState>[])old.Clone();
            PagesAllocatedForCopies++;
        }

        _pages[page] = copy;
        _shared[page] = false;
        _sharedPages--;
        if (old.Length == PageSize && _retiredSinceCapture.Count < _pages.Length)
        {
            _retiredSinceCapture.Add(old);
        }
    }

    // When every capture but the latest was written, the pages copied away before the latest are read by none.
    private void RecycleIfOnlyLatestOpen()
    {
        // The counter first: a capture marks itself released before it lowers the counter, so a latest capture still
        // unreleased after a count of one was the one counted.
        if (Volatile.Read(ref _openCaptures) == 1 && _latestCapture is { IsReleased: false })
        {
            Free(_retiredBeforeCapture);
        }
    }

    private void Free(List<WindowEntry<TKey, TState>[]> pages)
    {
        foreach (var page in pages)
        {
            if (_freePages.Count < _pages.Length)
            {
                _freePages.Push(page);
            }
        }

        pages.Clear();
    }

    /// <summary>Moves the live windows, in slot order, into fresh arrays of at least <paramref name="slots"/> slots (a snapshot may still read the old ones).</summary>
    private void Rebuild(int slots)
    {
        Rebuilds++;
        // Pages kept for copies, and the latest capture's page list, would hold the memory the rebuild gives back.
        _retiredSinceCapture.Clear();
        _retiredBeforeCapture.Clear();
        _freePages.Clear();
        _latestCapture = null;
        var oldPages = _pages;
        var oldUsed = _used;
        if (slots <= PageSize)
        {
            _pages = [new WindowEntry<TKey, TState>[(int)BitOperations.RoundUpToPowerOf2((uint)slots)]];
        }
        else
        {
            _pages = new WindowEntry<TKey, TState>[(slots + PageSize - 1) / PageSize][];
            for (var i = 0; i < _pages.Length; i++)
            {
                _pages[i] = new WindowEntry<TKey, TState>[PageSize];
            }
        }

        // Fresh arrays are shared with no capture.
        _shared = new bool[_pages.Length];
        _sharedPages = 0;
        _capacity = _pages.Length == 1 ? _pages[0].Length : _pages.Length * PageSize;
        var bucketCount = (int)BitOperations.RoundUpToPowerOf2((uint)_capacity);
        _buckets = NewBuckets(bucketCount);
        _shift = 32 - BitOperations.Log2((uint)bucketCount);
        _freeHead = -1;
        _used = 0;
        var floor = _generationFloor;
        for (var i = 0; i < oldUsed; i++)
        {
            ref readonly var old = ref oldPages[i >> PageBits][i & PageMask];
            floor = Math.Max(floor, old.Generation + 1);
            if (!old.Live)
            {
                continue;
            }

            var slot = _used++;
            ref var entry = ref _pages[slot >> PageBits][slot & PageMask];
            entry = old;
            ref var bucket = ref _buckets[Bucket(entry.HashCode)];
            entry.Next = bucket;
            bucket = slot;
        }

        _generationFloor = floor;
        for (var slot = 0; slot < _used; slot++)
        {
            _pages[slot >> PageBits][slot & PageMask].Generation = floor;
        }
    }

    /// <summary>Makes room for more slots: doubles the first page up to a full page, then adds pages; rehashes when the buckets are outgrown.</summary>
    private void Grow()
    {
        if (_pages.Length == 1 && _capacity < PageSize)
        {
            // A new array: a snapshot sharing the old one keeps it as it was.
            var bigger = new WindowEntry<TKey, TState>[_capacity * 2];
            Array.Copy(_pages[0], bigger, _used);
            _pages[0] = bigger;
            if (_shared[0])
            {
                _shared[0] = false;
                _sharedPages--;
            }

            _capacity = bigger.Length;
        }
        else
        {
            Array.Resize(ref _pages, _pages.Length + 1);
            Array.Resize(ref _shared, _shared.Length + 1);
            _pages[^1] = new WindowEntry<TKey, TState>[PageSize];
            _capacity += PageSize;
        }

        if (_capacity <= _buckets.Length)
        {
            return;
        }

        // Every slot is in use, so every slot is rehashed.
        _shift--;
        _buckets = NewBuckets(_buckets.Length * 2);
        for (var i = 0; i < _used; i++)
        {
            ref var entry = ref this[i];
            ref var bucket = ref _buckets[Bucket(entry.HashCode)];
            entry.Next = bucket;
            bucket = i;
        }
    }

    private static int[] NewBuckets(int length)
    {
        var buckets = new int[length];
        Array.Fill(buckets, -1);
        return buckets;
    }
}
