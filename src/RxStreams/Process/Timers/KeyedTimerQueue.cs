using System;
using System.Buffers;
using System.Collections.Generic;
using RxStreams.State;

namespace RxStreams.Processing;

/// <summary>
/// The pending timers of one clock of a keyed operator: at most one per (key, time), fired in time order and, within a
/// time, in the order registered. Deleting a timer leaves its heap entry behind until it surfaces (a newer registration
/// of the same timer is told apart by its sequence number); the heap is rebuilt when such entries dominate it.
/// </summary>
internal sealed class KeyedTimerQueue<TKey>
    where TKey : notnull
{
    private readonly PriorityQueue<TKey, Order> _heap = new();
    private readonly Dictionary<TimerId, long> _pending;
    private long _sequence;

    public KeyedTimerQueue(IEqualityComparer<TKey> comparer) => _pending = new Dictionary<TimerId, long>(new IdComparer(comparer));

    /// <summary>How many timers are pending.</summary>
    public int Count => _pending.Count;

    /// <summary>Adds the timer unless it is already pending.</summary>
    public bool Register(TKey key, long time)
    {
        var sequence = _sequence;
        if (!_pending.TryAdd(new TimerId(time, key), sequence))
        {
            return false;
        }

        _sequence++;
        _heap.Enqueue(key, new Order(time, sequence));
        return true;
    }

    /// <summary>Deletes the timer if it is pending.</summary>
    public bool Delete(TKey key, long time)
    {
        if (!_pending.Remove(new TimerId(time, key)))
        {
            return false;
        }

        if (_heap.Count > (2 * _pending.Count) + 64)
        {
            Rebuild();
        }

        return true;
    }

    /// <summary>The earliest pending time.</summary>
    public bool TryPeekTime(out long time)
    {
        while (_heap.TryPeek(out var key, out var order))
        {
            if (IsLive(key, order))
            {
                time = order.Time;
                return true;
            }

            _heap.Dequeue();
        }

        time = 0;
        return false;
    }

    /// <summary>Removes and returns the earliest timer when its time is at most <paramref name="limit"/>.</summary>
    public bool TryDequeue(long limit, out TKey key, out long time)
    {
        while (_heap.TryPeek(out key!, out var order) && order.Time <= limit)
        {
            _heap.Dequeue();
            if (IsLive(key, order))
            {
                _pending.Remove(new TimerId(order.Time, key));
                time = order.Time;
                return true;
            }
        }

        key = default!;
        time = 0;
        return false;
    }

    /// <summary>Captures every pending timer (key, time and registration order), to be written later as a section of its key group.</summary>
    public ICapturedTable<TKey> Capture(string section)
    {
        var timers = ArrayPool<(TKey, long, long)>.Shared.Rent(_pending.Count);
        var count = 0;
        foreach (var (id, sequence) in _pending)
        {
            timers[count++] = (id.Key, id.Time, sequence);
        }

        return new CapturedTimers(section, timers, count);
    }

    /// <summary>Reads a section that <see cref="Capture"/> wrote, keeping each timer's place in the firing order.</summary>
    public void ReadSection(ref StateReader reader, IStateSerializer<TKey> keys)
    {
        while (KeyGroupReader.NextEntry(ref reader, keys, out var key))
        {
            var time = reader.ReadVarInt64();
            var sequence = reader.ReadVarInt64();
            if (_pending.TryAdd(new TimerId(time, key), sequence))
            {
                _heap.Enqueue(key, new Order(time, sequence));
                _sequence = Math.Max(_sequence, sequence + 1);
            }
        }
    }

    private bool IsLive(TKey key, Order order) =>
        _pending.TryGetValue(new TimerId(order.Time, key), out var sequence) && sequence == order.Sequence;

    private void Rebuild()
    {
        _heap.Clear();
        foreach (var (id, sequence) in _pending)
        {
            _heap.Enqueue(id.Key, new Order(id.Time, sequence));
        }
    }

    private sealed class CapturedTimers(string section, (TKey Key, long Time, long Sequence)[] timers, int count) : ICapturedTable<TKey>
    {
        public void Write(KeyGroupWriter<TKey> writer)
        {
            writer.BeginSection(section);
            for (var i = 0; i < count; i++)
            {
                var output = writer.Entry(timers[i].Key);
                output.WriteVarInt64(timers[i].Time);
                output.WriteVarInt64(timers[i].Sequence);
            }

            ArrayPool<(TKey, long, long)>.Shared.Return(timers, clearArray: true);
        }
    }

    private readonly record struct Order(long Time, long Sequence) : IComparable<Order>
    {
        public int CompareTo(Order other)
        {
            var byTime = Time.CompareTo(other.Time);
            return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
        }
    }

    private readonly record struct TimerId(long Time, TKey Key);

    private sealed class IdComparer(IEqualityComparer<TKey> keys) : IEqualityComparer<TimerId>
    {
        public bool Equals(TimerId x, TimerId y) => x.Time == y.Time && keys.Equals(x.Key, y.Key);

        public int GetHashCode(TimerId id) => HashCode.Combine(id.Time, keys.GetHashCode(id.Key));
    }
}
