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

    // Hysteresis for giving memory back after a spike: the most timers a recent time held, decaying by an eighth per
    // drained time, and the most distinct times pending since the last trim.
    private int _recentPeak;
    private int _peakTimes;

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
            _peakTimes = Math.Max(_peakTimes, _byTime.Count);
        }

        return bucket;
    }

    /// <summary>
    /// Drops the drained earliest bucket and keeps it for reuse. After a spike, memory goes back gradually: a bucket's
    /// array shrinks once it is more than twice what recent times needed, the pool keeps at most twice the pending times
    /// (at least 64 buckets), and the time index is trimmed once fewer than an eighth of its peak times are pending.
    /// </summary>
    private void Release()
    {
        var bucket = _times.Dequeue();
        _byTime.Remove(bucket.Time);
        _recentPeak = Math.Max(bucket.Count, _recentPeak - (_recentPeak >> 3));
        if (ReferenceEquals(bucket, _lastAdded))
        {
            _lastAdded = null;
        }

        if (ReferenceEquals(bucket, _previousAdded))
        {
            _previousAdded = null;
        }

        bucket.Clear(_recentPeak);
        var poolLimit = 2 * Math.Max(32, _byTime.Count);
        if (_pool.Count < poolLimit)
        {
            _pool.Push(bucket);
        }

        while (_pool.Count > poolLimit)
        {
            _pool.Pop();
        }

        if (_peakTimes > 1024 && _byTime.Count < _peakTimes / 8)
        {
            _byTime.TrimExcess();
            _times.TrimExcess();
            _peakTimes = _byTime.Count;
        }
    }

    /// <summary>The timers of one time.</summary>
    private sealed class Bucket
    {
        private TItem[] _items = new TItem[4];
        private int _count;
        private int _next;

        public long Time { get; set; }

        public bool HasNext => _next < _count;

        /// <summary>How many timers the bucket holds (drained or not).</summary>
        public int Count => _count;

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

        /// <summary>Empties the bucket; an array larger than 1,024 timers and twice <paramref name="recentPeak"/> is given back.</summary>
        public void Clear(int recentPeak)
        {
            if (_shared)
            {
                _items = new TItem[4];
                _shared = false;
            }
            else if (_items.Length > 1024 && _items.Length > 2 * recentPeak)
            {
                _items = new TItem[Math.Max(4, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)recentPeak))];
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
