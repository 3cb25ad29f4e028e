using System;
using System.Diagnostics;
using System.Threading;

namespace RxStreams.Exchanges;

/// <summary>
/// One bounded edge from one producer to one consumer task: a single-producer single-consumer ring of stream
/// elements. The producer publishes each element with one fenced write and the consumer drains whatever is there in
/// bulk, so hand-off costs a few nanoseconds per element without waiting for a batch to fill. When the ring is full,
/// records follow the <see cref="OverflowPolicy"/>; control elements always wait. Counts what it drops and how long
/// the producer waited.
/// </summary>
internal sealed class ExchangeChannel<T> : IChannelStatistics
{
    private readonly StreamElement<T>[] _buffer;
    private readonly int _mask;
    private readonly int _capacity;
    private readonly OverflowPolicy _policy;
    private readonly TaskSignal _consumer;
    private readonly TaskSignal _space = new();
    private readonly object? _dropGate;

    // Producer side.
    private long _tail;
    private long _headCache;

    // Consumer side.
    private long _head;

    private volatile bool _completed;
    private volatile bool _cancelled;
    private Exception? _error;
    private long _dropped;
    private long _transferred;
    private long _blockedTicks;
    private int _maxOccupancy;

    public ExchangeChannel(string name, int capacity, OverflowPolicy policy, TaskSignal consumer)
    {
        Name = name;
        _capacity = capacity;
        var size = 1;
        while (size < capacity)
        {
            size <<= 1;
        }

        _buffer = new StreamElement<T>[size];
        _mask = size - 1;
        _policy = policy;
        _consumer = consumer;
        _dropGate = policy == OverflowPolicy.DropOldest ? new object() : null;
    }

    public string Name { get; }

    public int Capacity => _capacity;

    /// <summary>Elements waiting now.</summary>
    public int Occupancy => (int)(Volatile.Read(ref _tail) - Volatile.Read(ref _head));

    /// <summary>The most elements ever waiting at once.</summary>
    public int MaxOccupancy => Volatile.Read(ref _maxOccupancy);

    /// <summary>Elements written (records and control elements).</summary>
    public long Transferred => Volatile.Read(ref _transferred);

    /// <summary>Records dropped by the overflow policy.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Time the producer spent waiting for room (backpressure).</summary>
    public TimeSpan BlockedTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _blockedTicks));

    public bool IsCompleted => _completed;

    public Exception? Error => _error;

    /// <summary>Producer: appends an element, waiting, dropping or failing when full as the policy says.</summary>
    public void Write(in StreamElement<T> element)
    {
        if (_cancelled)
        {
            return;
        }

        if (_dropGate is not null)
        {
            WriteDropOldest(element);
            return;
        }

        if (_tail - _headCache >= _capacity)
        {
            _headCache = Volatile.Read(ref _head);
            if (_tail - _headCache >= _capacity && !MakeRoom(element.IsRecord))
            {
                return;
            }
        }

        Publish(element);
    }

    /// <summary>Producer: no more elements; <paramref name="error"/> when the producer failed.</summary>
    public void Complete(Exception? error)
    {
        _error = error;
        _completed = true;
        Interlocked.MemoryBarrier();
        _consumer.Notify();
    }

    /// <summary>Consumer: stops the channel; a waiting producer is released and later writes are ignored.</summary>
    public void Cancel()
    {
        _cancelled = true;
        Interlocked.MemoryBarrier();
        _space.Notify();
    }

    /// <summary>True when an element is waiting (consumer side).</summary>
    public bool HasData => Volatile.Read(ref _tail) != _head;

    /// <summary>
    /// Consumer: hands up to <paramref name="max"/> waiting elements to <paramref name="sink"/>, in order. Returns how
    /// many. Room is released to the producer after each element is handled.
    /// </summary>
    public int Drain<TSink>(ref TSink sink, int channel, int max)
        where TSink : struct, IChannelSink<T>
    {
        if (_dropGate is not null)
        {
            return DrainDropOldest(ref sink, channel, max);
        }

        var head = _head;
        var available = Volatile.Read(ref _tail) - head;
        var count = (int)Math.Min(available, max);
        for (var i = 0; i < count; i++)
        {
            ref var slot = ref _buffer[(head + i) & _mask];
            var element = slot;
            slot = default;
            sink.OnElement(channel, element);
        }

        if (count > 0)
        {
            Interlocked.Exchange(ref _head, head + count);
            _space.Notify();
        }

        return count;
    }

    private void Publish(in StreamElement<T> element)
    {
        var tail = _tail;
        _buffer[tail & _mask] = element;
        Volatile.Write(ref _transferred, _transferred + 1);
        Interlocked.Exchange(ref _tail, tail + 1);
        _consumer.Notify();
        var occupancy = (int)(tail + 1 - _headCache);
        if (occupancy > _maxOccupancy)
        {
            // _headCache may be stale (old head), which overstates occupancy; refresh before recording a new maximum.
            _headCache = Volatile.Read(ref _head);
            occupancy = (int)(tail + 1 - _headCache);
            if (occupancy > _maxOccupancy)
            {
                Volatile.Write(ref _maxOccupancy, occupancy);
            }
        }
    }

    /// <summary>The ring is full: wait for room (true), or drop/fail (false).</summary>
    private bool MakeRoom(bool isRecord)
    {
        if (isRecord && _policy == OverflowPolicy.DropNewest)
        {
            Interlocked.Increment(ref _dropped);
            return false;
        }

        if (isRecord && _policy == OverflowPolicy.Fail)
        {
            throw new ExchangeOverflowException(Name, _capacity);
        }

        var started = Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        while (true)
        {
            _headCache = Volatile.Read(ref _head);
            if (_tail - _headCache < _capacity || _cancelled)
            {
                break;
            }

            if (!spinner.NextSpinWillYield)
            {
                spinner.SpinOnce(-1);
                continue;
            }

            _space.Prepare();
            _headCache = Volatile.Read(ref _head);
            if (_tail - _headCache < _capacity || _cancelled)
            {
                _space.Cancel();
                break;
            }

            _space.Wait();
        }

        Interlocked.Add(ref _blockedTicks, Stopwatch.GetTimestamp() - started);
        return !_cancelled;
    }

    private void WriteDropOldest(in StreamElement<T> element)
    {
        lock (_dropGate!)
        {
            if (_tail - _head >= _capacity)
            {
                if (!element.IsRecord || !DropOldestRecord())
                {
                    // Only control elements are waiting: nothing may be dropped, so the producer waits.
                    Monitor.Exit(_dropGate);
                    try
                    {
                        _headCache = _head;
                        MakeRoom(false);
                    }
                    finally
                    {
                        Monitor.Enter(_dropGate);
                    }
                }
            }

            Publish(element);
        }
    }

    /// <summary>Removes the oldest waiting record, shifting older control elements up; false when none is waiting.</summary>
    private bool DropOldestRecord()
    {
        for (var position = _head; position < _tail; position++)
        {
            if (!_buffer[position & _mask].IsRecord)
            {
                continue;
            }

            for (var p = position; p > _head; p--)
            {
                _buffer[p & _mask] = _buffer[(p - 1) & _mask];
            }

            _buffer[_head & _mask] = default;
            Interlocked.Exchange(ref _head, _head + 1);
            Interlocked.Increment(ref _dropped);
            return true;
        }

        return false;
    }

    private int DrainDropOldest<TSink>(ref TSink sink, int channel, int max)
        where TSink : struct, IChannelSink<T>
    {
        var count = 0;
        while (count < max)
        {
            StreamElement<T> element;
            lock (_dropGate!)
            {
                if (_head == _tail)
                {
                    break;
                }

                ref var slot = ref _buffer[_head & _mask];
                element = slot;
                slot = default;
                Interlocked.Exchange(ref _head, _head + 1);
            }

            _space.Notify();
            sink.OnElement(channel, element);
            count++;
        }

        return count;
    }
}

/// <summary>Receives the elements a consumer task drains from its channels.</summary>
internal interface IChannelSink<T>
{
    void OnElement(int channel, StreamElement<T> element);
}
