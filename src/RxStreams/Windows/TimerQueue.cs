using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace RxStreams.Windows;

/// <summary>
/// Timers in time order, first registered first within a time. Timers are grouped by time: aligned windows end
/// together, so a heap of the distinct times and one reused bucket per time replace a heap of every timer, and
/// registering or firing a timer is an append or a read.
/// </summary>
/// <typeparam name="TItem">What a timer carries.</typeparam>
internal sealed class TimerQueue<TItem>
{
    private readonly PriorityQueue<Bucket, long> _times = new();
    private readonly Dictionary<long, Bucket> _byTime = new();
    private readonly Stack<Bucket> _pool = new();

    // Registrations mostly target the newest window end or, for records within the disorder bound, the one before:
    // the last two buckets added to spare a dictionary lookup. Firings find their bucket at the top of the heap.
    private Bucket? _lastAdded;
    private Bucket? _previousAdded;

    /// <summary>Adds a timer at <paramref name="time"/>; the caller writes what it carries into the returned slot.</summary>
    public ref TItem Add(long time)
    {
        var bucket = _lastAdded;
        if (bucket is null || bucket.Time != time)
        {
            bucket = _previousAdded;
            if (bucket is null || bucket.Time != time)
            {
                bucket = BucketAt(time);
            }

            _previousAdded = _lastAdded;
            _lastAdded = bucket;
        }

        return ref bucket.Append();
    }

    /// <summary>The earliest pending time, if any.</summary>
    public bool TryPeekTime(out long time)
    {
        while (_times.TryPeek(out var bucket, out time))
        {
            if (bucket.HasNext)
            {
                return true;
            }

            Release();
        }

        time = 0;
        return false;
    }

    /// <summary>Removes and returns the earliest timer when it is due at or before <paramref name="limit"/>.</summary>
    public bool TryDequeueDue(long limit, out long time, out TItem item)
    {
        // The bucket stays in the heap until it is drained, so a timer registered meanwhile at an earlier time comes first
        // and one at the same time joins the end of the bucket, as with one heap ordered by (time, registration).
        while (_times.TryPeek(out var bucket, out time) && time <= limit)
        {
            if (bucket.HasNext)
            {
                item = bucket.Next();
                return true;
            }

            Release();
        }

        time = 0;
        item = default!;
        return false;
    }

    /// <summary>
    /// Every pending timer as of now, for a snapshot written later off the operator's thread: each time's timers are
    /// shared with the capture (a bucket appends after them and, once drained, leaves its array to the capture instead
    /// of clearing it), so this costs one entry per distinct time, not per timer.
    /// </summary>
    public List<CapturedTimers<TItem>> Capture()
    {
        var buckets = new List<CapturedTimers<TItem>>(_byTime.Count);
        foreach (var bucket in _byTime.Values)
        {
            if (bucket.HasNext)
            {
                buckets.Add(bucket.Capture());
            }
        }

        buckets.Sort(static (a, b) => a.Time.CompareTo(b.Time));
        return buckets;
    }

    private Bucket BucketAt(long time)
    {
        if (!_byTime.TryGetValue(time, out var bucket))
        {
            bucket = _pool.Count > 0 ? _pool.Pop() : new Bucket();
            bucket.Time = time;
            _byTime.Add(time, bucket);
            _times.Enqueue(bucket, time);
        }

        return bucket;
    }

    /// <summary>Drops the drained earliest bucket and keeps it for reuse.</summary>
    private void Release()
    {
        var bucket = _times.Dequeue();
        _byTime.Remove(bucket.Time);
        if (ReferenceEquals(bucket, _lastAdded))
        {
            _lastAdded = null;
        }

        if (ReferenceEquals(bucket, _previousAdded))
        {
            _previousAdded = null;
        }

        bucket.Clear();
        _pool.Push(bucket);
    }

    /// <summary>The timers of one time.</summary>
    private sealed class Bucket
    {
        private TItem[] _items = new TItem[4];
        private int _count;
        private int _next;

        public long Time { get; set; }

        public bool HasNext => _next < _count;

        public ref TItem Append()
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, _count * 2);
            }

            return ref _items[_count++];
        }

        public TItem Next() => _items[_next++];

        // True once a snapshot holds this bucket's array: it is then left to the snapshot, never cleared or reused.
        private bool _shared;

        public CapturedTimers<TItem> Capture()
        {
            _shared = true;
            return new CapturedTimers<TItem>(Time, _items, _next, _count);
        }

        public void Clear()
        {
            if (_shared)
            {
                _items = new TItem[4];
                _shared = false;
            }
            else if (RuntimeHelpers.IsReferenceOrContainsReferences<TItem>())
            {
                Array.Clear(_items, 0, _count);
            }

            _count = 0;
            _next = 0;
        }
    }
}
