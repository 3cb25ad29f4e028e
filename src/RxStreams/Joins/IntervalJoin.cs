using System;
using System.Collections.Generic;
using RxStreams.Checkpoints;
using RxStreams.Keyed;
using RxStreams.Operators;

namespace RxStreams.Joins;

/// <summary>
/// Flink's interval join: per key, a left record at time <c>a</c> joins every right record at time <c>b</c> with
/// <c>a + lower ≤ b ≤ a + upper</c>. Results carry <c>max(a, b)</c>. Records are buffered per key until the watermark
/// shows they can no longer match; a record more than one below the watermark (below Flink's inclusive watermark, as
/// Flink's <c>IntervalJoinOperator</c> decides) is late and goes to its side's late output.
/// </summary>
internal sealed class IntervalJoin<TKey, TLeft, TRight, TResult> : StreamOperator<JoinInput<TLeft, TRight>, TResult>, IKeyedNode
    where TKey : notnull
{
    private readonly KeyedStream<TKey, JoinInput<TLeft, TRight>> _stream;
    private readonly long _lower;
    private readonly long _upper;
    private readonly Func<TLeft, long, TRight, long, TResult> _join;
    private readonly SideOutput<Record<TLeft>>? _lateLeft;
    private readonly SideOutput<Record<TRight>>? _lateRight;
    private readonly IntervalJoinCounters? _counters;

    public IntervalJoin(
        KeyedStream<TKey, JoinInput<TLeft, TRight>> stream,
        long lower,
        long upper,
        Func<TLeft, long, TRight, long, TResult> join,
        SideOutput<Record<TLeft>>? lateLeft,
        SideOutput<Record<TRight>>? lateRight,
        IntervalJoinCounters? counters)
        : base(stream.Source, "IntervalJoin")
    {
        _stream = stream;
        _lower = lower;
        _upper = upper;
        _join = join;
        _lateLeft = lateLeft;
        _lateRight = lateRight;
        _counters = counters;
    }

    object? IKeyedNode.CustomComparer => _stream.CustomComparer;

    protected override OperatorSink<JoinInput<TLeft, TRight>, TResult> CreateSink(IObserver<StreamElement<TResult>> observer) => new Sink(this, observer);

    private sealed class Sink : KeyedOperatorSink<TKey, JoinInput<TLeft, TRight>, TResult>, IKeyedParticipant
    {
        private readonly IntervalJoin<TKey, TLeft, TRight, TResult> _parent;
        private readonly Dictionary<TKey, JoinBuffers<TLeft, TRight>> _buffers;

        // At most one queued expiry per (key, side), at the earliest expiry of its records: when the watermark passes
        // it, that side's buffer of that key is compacted and the next earliest expiry is queued.
        private readonly PriorityQueue<(TKey Key, bool Left), long> _expiries = new();

        // Emptied buffers are reused for the next new key, so keys that come and go do not allocate.
        private readonly Stack<JoinBuffers<TLeft, TRight>> _spare = new();
        private long _watermark = Watermark.MinValue;

        // Null unless the join runs in a checkpointed job.
        private readonly IntervalJoinCheckpoint<TKey, TLeft, TRight>? _checkpoint;
        private readonly ParticipantHandle? _checkpoints;

        public Sink(IntervalJoin<TKey, TLeft, TRight, TResult> parent, IObserver<StreamElement<TResult>> observer)
            : base(parent._stream, observer, parent.Name)
        {
            _parent = parent;
            _buffers = new Dictionary<TKey, JoinBuffers<TLeft, TRight>>(parent._stream.Comparer);
            if (JobRuntime.Current is { } job)
            {
                _checkpoint = new IntervalJoinCheckpoint<TKey, TLeft, TRight>(Name);
                _checkpoints = job.Register(this, Name, parent.Uid);
            }
        }

        /// <summary>Records held in the buffers, for tests of state cleanup.</summary>
        public int Buffered
        {
            get
            {
                var count = 0;
                foreach (var buffers in _buffers.Values)
                {
                    count += buffers.Left.Count + buffers.Right.Count;
                }

                return count;
            }
        }

        protected override void OnRecord(JoinInput<TLeft, TRight> value, long timestamp)
        {
            // As Flink's IntervalJoinOperator: late only below Flink's (inclusive) watermark, which is ours minus one,
            // so a record exactly one below our watermark still joins.
            if (_watermark != long.MinValue && timestamp < _watermark - 1)
            {
                _parent._counters?.Late(value.IsLeft);
                if (value.IsLeft)
                {
                    _parent._lateLeft?.Emit(new Record<TLeft>(value.Left, timestamp));
                }
                else
                {
                    _parent._lateRight?.Emit(new Record<TRight>(value.Right, timestamp));
                }

                return;
            }

            if (!TryGetKey(value, timestamp, out var key))
            {
                return;
            }

            if (!_buffers.TryGetValue(key, out var buffers))
            {
                buffers = _spare.Count > 0 ? _spare.Pop() : new JoinBuffers<TLeft, TRight>();
                _buffers.Add(key, buffers);
            }

            if (value.IsLeft)
            {
                buffers.Left.Add(new Record<TLeft>(value.Left, timestamp));
                _parent._counters?.Buffered(left: true, 1);
                var expiry = EventTime.Add(timestamp, _parent._upper);
                if (expiry < buffers.LeftExpiry)
                {
                    buffers.LeftExpiry = expiry;
                    _expiries.Enqueue((key, true), expiry);
                }

                if (!TryRange(timestamp, _parent._lower, _parent._upper, out var from, out var to))
                {
                    return;
                }

                foreach (var right in buffers.Right)
                {
                    if (right.Timestamp >= from && right.Timestamp <= to &&
                        !EmitPair(value.Left, timestamp, right.Value, right.Timestamp))
                    {
                        return;
                    }
                }
            }
            else
            {
                buffers.Right.Add(new Record<TRight>(value.Right, timestamp));
                _parent._counters?.Buffered(left: false, 1);
                var expiry = EventTime.Add(timestamp, -_parent._lower);
                if (expiry < buffers.RightExpiry)
                {
                    buffers.RightExpiry = expiry;
                    _expiries.Enqueue((key, false), expiry);
                }

                // b − upper ≤ a ≤ b − lower is the same condition as a + lower ≤ b ≤ a + upper.
                if (!TryRange(timestamp, -_parent._upper, -_parent._lower, out var from, out var to))
                {
                    return;
                }

                foreach (var left in buffers.Left)
                {
                    if (left.Timestamp >= from && left.Timestamp <= to &&
                        !EmitPair(left.Value, left.Timestamp, value.Right, timestamp))
                    {
                        return;
                    }
                }
            }
        }

        public PendingSnapshot Snapshot(long checkpointId) => _checkpoint!.Snapshot(_buffers, _watermark);

        public void Restore(OperatorSnapshot snapshot, TaskInfo task) => _watermark = _checkpoint!.Restore(snapshot, task, Restore);

        public void NotifyCheckpointComplete(long checkpointId)
        {
        }

        protected override void OnEnd() => _checkpoints?.Finish();

        public override void Dispose()
        {
            // The join's state goes with it: take its records off shared counters once.
            if (_parent._counters is { } counters)
            {
                foreach (var buffers in _buffers.Values)
                {
                    counters.Buffered(left: true, -buffers.Left.Count);
                    counters.Buffered(left: false, -buffers.Right.Count);
                }

                _buffers.Clear();
            }

            base.Dispose();
        }

        protected override void OnControl(StreamElement<JoinInput<TLeft, TRight>> element)
        {
            if (element.Kind == ElementKind.Barrier)
            {
                _checkpoints?.OnBarrier(element.Timestamp);
            }

            if (element.Kind == ElementKind.Watermark && element.Timestamp > _watermark)
            {
                _watermark = element.Timestamp;
                Expire();
            }

            Downstream.OnNext(element.AsControl<TResult>());
        }

        /// <summary>A key's restored buffers, with the cleanup of each side queued again at the time it was.</summary>
        private void Restore(TKey key, JoinBuffers<TLeft, TRight> buffers)
        {
            _buffers.Add(key, buffers);
            _parent._counters?.Buffered(left: true, buffers.Left.Count);
            _parent._counters?.Buffered(left: false, buffers.Right.Count);
            if (buffers.LeftExpiry != long.MaxValue)
            {
                _expiries.Enqueue((key, true), buffers.LeftExpiry);
            }

            if (buffers.RightExpiry != long.MaxValue)
            {
                _expiries.Enqueue((key, false), buffers.RightExpiry);
            }
        }

        /// <summary>
        /// Future records have timestamps ≥ the watermark, so a left record at <c>a</c> can still match only while
        /// <c>a + upper ≥ watermark</c>, a right record at <c>b</c> only while <c>b − lower ≥ watermark</c>.
        /// </summary>
        private void Expire()
        {
            while (_expiries.TryPeek(out var entry, out var expiry) && expiry < _watermark)
            {
                _expiries.Dequeue();
                if (!_buffers.TryGetValue(entry.Key, out var buffers))
                {
                    continue;
                }

                if (entry.Left)
                {
                    if (expiry != buffers.LeftExpiry)
                    {
                        continue;
                    }

                    buffers.LeftExpiry = Compact(buffers.Left, _parent._upper, left: true);
                    if (buffers.LeftExpiry != long.MaxValue)
                    {
                        _expiries.Enqueue((entry.Key, true), buffers.LeftExpiry);
                    }
                }
                else
                {
                    if (expiry != buffers.RightExpiry)
                    {
                        continue;
                    }

                    buffers.RightExpiry = Compact(buffers.Right, -_parent._lower, left: false);
                    if (buffers.RightExpiry != long.MaxValue)
                    {
                        _expiries.Enqueue((entry.Key, false), buffers.RightExpiry);
                    }
                }

                if (buffers.Left.Count == 0 && buffers.Right.Count == 0)
                {
                    _buffers.Remove(entry.Key);
                    _spare.Push(buffers);
                }
            }
        }

        /// <summary>
        /// Removes in place the records whose expiry (timestamp + <paramref name="delta"/>) is below the watermark, keeping
        /// the order of the others; returns the earliest expiry left, or <see cref="long.MaxValue"/> when none is left.
        /// </summary>
        private long Compact<TRecord>(List<Record<TRecord>> records, long delta, bool left)
        {
            var kept = 0;
            var earliest = long.MaxValue;
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                var expiry = EventTime.Add(record.Timestamp, delta);
                if (expiry < _watermark)
                {
                    continue;
                }

                earliest = Math.Min(earliest, expiry);
                records[kept++] = record;
            }

            _parent._counters?.Buffered(left, kept - records.Count);
            records.RemoveRange(kept, records.Count - kept);
            return earliest;
        }

        private bool EmitPair(TLeft left, long leftTime, TRight right, long rightTime)
        {
            TResult result;
            try
            {
                result = _parent._join(left, leftTime, right, rightTime);
            }
            catch (Exception ex)
            {
                Fail(ex, (left, right), Math.Max(leftTime, rightTime));
                return false;
            }

            _parent._counters?.Pair();
            Emit(result, Math.Max(leftTime, rightTime));
            return true;
        }

        /// <summary>
        /// The timestamps <c>[time + fromDelta, time + toDelta]</c>, exactly, within the range of <see cref="long"/>: bounds
        /// beyond the ends of time are clamped, and a range wholly beyond them is empty (false).
        /// </summary>
        private static bool TryRange(long time, long fromDelta, long toDelta, out long from, out long to)
        {
            from = EventTime.Add(time, fromDelta);
            to = EventTime.Add(time, toDelta);

            // Saturation is exact for a bound inside the range; a from-bound past long.MaxValue or a to-bound below
            // long.MinValue would saturate onto a real timestamp that is not in the range.
            return !(fromDelta > 0 && time > long.MaxValue - fromDelta) && !(toDelta < 0 && time < long.MinValue - toDelta);
        }
    }
}
