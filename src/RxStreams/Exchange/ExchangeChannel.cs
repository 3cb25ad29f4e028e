using System;
using System.Diagnostics;
using System.Threading;

namespace RxStreams.Exchanges;

/// <summary>
/// One bounded edge from one producer to one consumer task: a single-producer single-consumer ring of stream
/// elements. The producer stores elements with plain writes and publishes them to the consumer in groups (every
/// <see cref="PublishEvery"/> elements or half the capacity if less, when the ring is full, at completion, and at least
/// every millisecond through <see cref="ExchangeFlusher"/>), so the cross-core hand-off and the wake-up cost are paid per
/// group, not per element, while a slow source still sees its records delivered within about a millisecond. The
/// consumer drains whatever is published in bulk. When the ring is full, records follow the
/// <see cref="OverflowPolicy"/>; control elements always wait. Producer, consumer and shared counters sit on separate
/// cache lines.
/// </summary>
internal sealed class ExchangeChannel<T> : IChannelStatistics, IFlushable
{
    /// <summary>How many elements the producer writes before it publishes them.</summary>
    public const int PublishEvery = 64;

    private readonly StreamElement<T>[] _buffer;
    private readonly int _mask;
    private readonly int _capacity;
    private readonly OverflowPolicy _policy;
    private readonly TaskSignal _consumer;
    private readonly TaskSignal _space = new();
    private readonly object? _dropGate;
    private readonly int _groupSize;

    // How much room a waiting producer waits for: a quarter of the ring, so that it sleeps and wakes once per quarter
    // rather than once per drained batch (each wake-up is a futex call on both sides).
    private readonly int _resumeRoom;

    private ProducerCounters _producer;
    private PaddedLong _published;
    private PaddedLong _head;

    private volatile BarrierAnnouncement? _announced;
    private volatile bool _completed;
    private volatile bool _cancelled;
    private Exception? _error;

    public ExchangeChannel(string name, int capacity, OverflowPolicy policy, TaskSignal consumer, bool periodicFlush = true)
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

        // A group is at most half the ring, so the consumer sees records before the producer can run out of room.
        _groupSize = Math.Min(PublishEvery, Math.Max(1, capacity / 2));
        _producer.SincePublish = PublishEvery - _groupSize;
        _resumeRoom = Math.Max(1, capacity / 4);
        if (periodicFlush)
        {
            ExchangeFlusher.Register(this);
        }
    }

    public string Name { get; }

    /// <summary>Where the producer announces barriers of unaligned checkpoints to the consumer task; null when there are none.</summary>
    public BarrierAnnouncements? Announcements { get; init; }

    /// <summary>The newest barrier announced on this channel, and its position; null before the first.</summary>
    public BarrierAnnouncement? Announced => _announced;

    /// <summary>Consumer: the position of the next element to consume (not counting a batch being drained).</summary>
    public long Head => _head.Value;

    public int Capacity => _capacity;

    /// <summary>Elements written and not yet consumed (published or not).</summary>
    public int Occupancy => (int)(Volatile.Read(ref _producer.Written) - Volatile.Read(ref _head.Value));

    /// <summary>The most elements ever waiting at once.</summary>
    public int MaxOccupancy => Volatile.Read(ref _producer.MaxOccupancy);

    /// <summary>Elements written (records and control elements).</summary>
    public long Transferred => Volatile.Read(ref _producer.Written);

    /// <summary>Records dropped by the overflow policy.</summary>
    public long Dropped => Volatile.Read(ref _producer.Dropped);

    /// <summary>Time the producer spent waiting for room (backpressure).</summary>
    public TimeSpan BlockedTime => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _producer.BlockedTicks));

    public bool IsCompleted => _completed;

    public bool IsDone => _completed || _cancelled;

    public Exception? Error => _error;

    /// <summary>True when a published element is waiting (consumer side).</summary>
    public bool HasData => Volatile.Read(ref _published.Value) != _head.Value;

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

        ref var p = ref _producer;
        if (p.Written - p.HeadCache >= _capacity)
        {
            p.HeadCache = Volatile.Read(ref _head.Value);
            if (p.Written - p.HeadCache >= _capacity && !MakeRoom(element.IsRecord))
            {
                return;
            }
        }

        var written = p.Written;
        _buffer[written & _mask] = element;

        // Release order: the slot is visible before the count that covers it (the flusher reads the count).
        Volatile.Write(ref p.Written, written + 1);
        TrackOccupancy(written + 1);
        if (++p.SincePublish >= PublishEvery)
        {
            Publish();
        }
    }

    /// <summary>
    /// Producer, before writing barrier <paramref name="checkpointId"/> of an unaligned checkpoint (which may wait for
    /// room): publishes every element in front of it and tells the consumer where the barrier will be, so that the
    /// consumer can take the checkpoint at once and copy those elements as in flight.
    /// </summary>
    public void AnnounceBarrier(long checkpointId)
    {
        Publish();
        _announced = new BarrierAnnouncement(checkpointId, _producer.Written);
        Announcements!.Announce(checkpointId);
        _consumer.Notify();
    }

    /// <summary>
    /// Consumer: appends the elements from <paramref name="from"/> up to <paramref name="upTo"/> (published, not yet
    /// consumed) to <paramref name="into"/>, without consuming them.
    /// </summary>
    public void CopyInFlight(long from, long upTo, int channel, System.Collections.Generic.List<(int Channel, StreamElement<T> Element)> into)
    {
        for (var position = from; position < upTo; position++)
        {
            // Barriers of older checkpoints, given up for this one, and latency markers are not state.
            var element = _buffer[position & _mask];
            if (element.Kind is not (ElementKind.LatencyMarker or ElementKind.Barrier))
            {
                into.Add((channel, element));
            }
        }
    }

    /// <summary>Producer: no more elements; <paramref name="error"/> when the producer failed.</summary>
    public void Complete(Exception? error)
    {
        Publish();
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

    /// <summary>Any thread: publishes what the producer has written so far (the flusher's periodic call).</summary>
    public void Flush()
    {
        var written = Volatile.Read(ref _producer.Written);
        if (written > Volatile.Read(ref _published.Value))
        {
            PublishUpTo(written);
        }
    }

    /// <summary>
    /// Consumer: hands up to <paramref name="max"/> published elements to <paramref name="sink"/>, in order, and returns
    /// how many. Their room is released to the producer after the batch.
    /// </summary>
    public int Drain<TSink>(ref TSink sink, int channel, int max)
        where TSink : struct, IChannelSink<T>
    {
        if (_dropGate is not null)
        {
            return DrainDropOldest(ref sink, channel, max);
        }

        var head = _head.Value;
        var available = Volatile.Read(ref _published.Value) - head;
        var count = (int)Math.Min(available, max);
        // Slots are not cleared after reading: writing them would pull each cache line back to this core only for the
        // producer to take it again. A consumed record stays referenced until its slot is reused (at most a ring's worth).
        for (var i = 0; i < count; i++)
        {
            sink.OnElement(channel, _buffer[(head + i) & _mask], head + i);
        }

        if (count > 0)
        {
            Interlocked.Exchange(ref _head.Value, head + count);
            RoomReleased(head + count);
        }

        return count;
    }

    /// <summary>
    /// Consumer: hands up to <paramref name="max"/> published elements to <paramref name="sink"/> as at most two spans of
    /// the ring (where it wraps), without a copy, and returns how many. Their room is released to the producer after the
    /// sink has processed them, so backpressure is as with <see cref="Drain{TSink}"/>. Not for the drop-oldest policy.
    /// </summary>
    public int DrainSpans<TSink>(ref TSink sink, int channel, int max)
        where TSink : struct, IChannelSpanSink<T>
    {
        if (_dropGate is not null)
        {
            throw new InvalidOperationException("A drop-oldest channel is drained one element at a time.");
        }

        var head = _head.Value;
        var count = (int)Math.Min(Volatile.Read(ref _published.Value) - head, max);
        if (count == 0)
        {
            return 0;
        }

        var start = (int)(head & _mask);
        var first = Math.Min(count, _buffer.Length - start);
        sink.OnElements(channel, new ReadOnlySpan<StreamElement<T>>(_buffer, start, first));
        if (first < count)
        {
            sink.OnElements(channel, new ReadOnlySpan<StreamElement<T>>(_buffer, 0, count - first));
        }

        Interlocked.Exchange(ref _head.Value, head + count);
        RoomReleased(head + count);
        return count;
    }

    /// <summary>
    /// Consumer, after moving its head to <paramref name="head"/> (a full fence): wakes a producer waiting for room once
    /// the room it waits for is there, and not at every drain before that.
    /// </summary>
    private void RoomReleased(long head)
    {
        if (Volatile.Read(ref _producer.Written) - head <= _capacity - _resumeRoom)
        {
            _space.Notify();
        }
    }

    /// <summary>True when the channel can be drained in spans (<see cref="DrainSpans{TSink}"/>).</summary>
    public bool DrainsSpans => _dropGate is null;

    private void Publish()
    {
        // Counting from PublishEvery − group size keeps the hot path's test against the constant.
        _producer.SincePublish = PublishEvery - _groupSize;
        PublishUpTo(_producer.Written);
    }

    /// <summary>Raises the published count to <paramref name="written"/> (producer and flusher race; the larger wins), then wakes the consumer.</summary>
    private void PublishUpTo(long written)
    {
        var current = Volatile.Read(ref _published.Value);
        while (current < written)
        {
            var seen = Interlocked.CompareExchange(ref _published.Value, written, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }

        // The compare-exchange is a full fence, so a consumer that announced it is parking sees the new count or is woken.
        _consumer.Notify();
    }

    private void TrackOccupancy(long written)
    {
        ref var p = ref _producer;
        if (written - p.HeadCache <= p.MaxOccupancy)
        {
            return;
        }

        // The cached head may be old, which overstates occupancy; refresh before recording a new maximum.
        p.HeadCache = Volatile.Read(ref _head.Value);
        var occupancy = (int)(written - p.HeadCache);
        if (occupancy > p.MaxOccupancy)
        {
            Volatile.Write(ref p.MaxOccupancy, occupancy);
        }
    }

    /// <summary>The ring is full: wait for room (true), or drop/fail (false).</summary>
    private bool MakeRoom(bool isRecord)
    {
        ref var p = ref _producer;

        // The consumer can only make room from what it can see.
        Publish();
        if (isRecord && _policy is (OverflowPolicy.DropNewest or OverflowPolicy.Fail))
        {
            // Groups are at most half the ring: a full ring holds at least that many records the consumer could have
            // taken and has not, so it really is behind.
            if (_policy == OverflowPolicy.Fail)
            {
                throw new ExchangeOverflowException(Name, _capacity);
            }

            Volatile.Write(ref p.Dropped, p.Dropped + 1);
            return false;
        }

        var started = Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        var resumeAt = _capacity - _resumeRoom;
        while (true)
        {
            p.HeadCache = Volatile.Read(ref _head.Value);
            if (p.Written - p.HeadCache <= resumeAt || _cancelled)
            {
                break;
            }

            if (!spinner.NextSpinWillYield)
            {
                spinner.SpinOnce(-1);
                continue;
            }

            _space.Prepare();
            p.HeadCache = Volatile.Read(ref _head.Value);
            if (p.Written - p.HeadCache <= resumeAt || _cancelled)
            {
                _space.Cancel();
                break;
            }

            _space.Wait();
        }

        Backpressure.OnWaited();

        Volatile.Write(ref p.BlockedTicks, p.BlockedTicks + (Stopwatch.GetTimestamp() - started));
        return !_cancelled;
    }

    private void WriteDropOldest(in StreamElement<T> element)
    {
        ref var p = ref _producer;
        lock (_dropGate!)
        {
            if (p.Written - _head.Value >= _capacity && (!element.IsRecord || !DropOldestRecord()))
            {
                // Only control elements are waiting: nothing may be dropped, so the producer waits.
                Monitor.Exit(_dropGate);
                try
                {
                    MakeRoom(false);
                }
                finally
                {
                    Monitor.Enter(_dropGate);
                }
            }

            _buffer[p.Written & _mask] = element;
            Volatile.Write(ref p.Written, p.Written + 1);
            Volatile.Write(ref _published.Value, p.Written);
            TrackOccupancy(p.Written);
        }

        Interlocked.MemoryBarrier();
        _consumer.Notify();
    }

    /// <summary>Removes the oldest waiting record, shifting older control elements up; false when none is waiting.</summary>
    private bool DropOldestRecord()
    {
        ref var p = ref _producer;
        var head = _head.Value;
        for (var position = head; position < p.Written; position++)
        {
            if (!_buffer[position & _mask].IsRecord)
            {
                continue;
            }

            for (var q = position; q > head; q--)
            {
                _buffer[q & _mask] = _buffer[(q - 1) & _mask];
            }

            _buffer[head & _mask] = default;
            Interlocked.Exchange(ref _head.Value, head + 1);
            Volatile.Write(ref p.Dropped, p.Dropped + 1);
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
                var head = _head.Value;
                if (head == _published.Value)
                {
                    break;
                }

                ref var slot = ref _buffer[head & _mask];
                element = slot;
                slot = default;
                Interlocked.Exchange(ref _head.Value, head + 1);
            }

            _space.Notify();
            sink.OnElement(channel, element, -1);
            count++;
        }

        return count;
    }
}

/// <summary>Receives the elements a consumer task drains from its channels.</summary>
internal interface IChannelSink<T>
{
    /// <summary>Takes <paramref name="element"/>, the one at <paramref name="position"/> of <paramref name="channel"/> (−1 when unknown).</summary>
    void OnElement(int channel, StreamElement<T> element, long position);
}

/// <summary>Takes a channel's elements a span at a time (see <see cref="ExchangeChannel{T}.DrainSpans{TSink}"/>).</summary>
internal interface IChannelSpanSink<T>
{
    /// <summary>Takes the next elements of <paramref name="channel"/>, in order; the span is valid during the call only.</summary>
    void OnElements(int channel, ReadOnlySpan<StreamElement<T>> elements);
}
