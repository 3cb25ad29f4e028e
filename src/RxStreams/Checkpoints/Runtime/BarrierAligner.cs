using System;
using System.Collections.Generic;

namespace RxStreams.Checkpoints;

/// <summary>
/// Barrier alignment at a point where several inputs meet (Flink's aligned checkpoints): once barrier n arrived on an
/// input, that input's later elements wait until barrier n arrived on every live input; then the barrier goes on once
/// and the waiting elements follow in their input's order. Without alignment (at-least-once) nothing waits and the
/// barrier goes on when the last input's arrives. A completed input counts as having every barrier.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class BarrierAligner<T>
{
    private readonly bool _aligned;
    private readonly bool[] _hasBarrier;
    private readonly bool[] _completed;
    private readonly Queue<StreamElement<T>>?[] _waiting;
    private readonly bool[] _completionWaiting;
    private readonly int _capacity;
    private readonly Action<long>? _declined;
    private long _checkpoint = long.MinValue;
    private int _received;
    private long _alignmentStarted;

    /// <summary>Told, for each completed alignment, its checkpoint and how long it held an input (from the first barrier to the last); not called without alignment.</summary>
    public Action<long, TimeSpan>? Aligned { get; init; }

    /// <summary>Creates the aligner.</summary>
    /// <param name="inputs">How many inputs meet here.</param>
    /// <param name="aligned">False for at-least-once: nothing waits.</param>
    /// <param name="capacity">How many elements may wait; past it the alignment gives up and the checkpoint is declined.</param>
    /// <param name="declined">Told the id of a checkpoint given up for lack of room.</param>
    public BarrierAligner(int inputs, bool aligned, int capacity = int.MaxValue, Action<long>? declined = null)
    {
        _aligned = aligned;
        _capacity = capacity;
        _declined = declined;
        _hasBarrier = new bool[inputs];
        _completed = new bool[inputs];
        _waiting = new Queue<StreamElement<T>>?[inputs];
        _completionWaiting = new bool[inputs];
    }

    /// <summary>True while <paramref name="input"/> has the barrier being aligned and must not be read further.</summary>
    public bool IsBlocked(int input) => _aligned && _received > 0 && _hasBarrier[input];

    /// <summary>True while an alignment is under way (a barrier arrived on some input but not on all).</summary>
    public bool IsAligning => _aligned && _received > 0;

    /// <summary>How many elements wait for alignment now.</summary>
    public int Waiting { get; private set; }

    /// <summary>True when an element of <paramref name="input"/> must wait (it was queued); false to process it now.</summary>
    public bool Hold(int input, in StreamElement<T> element) => Hold(input, element, null, null);

    /// <summary>
    /// As <see cref="Hold(int, in StreamElement{T})"/>, but when the waiting elements have filled the capacity the
    /// alignment is given up: its checkpoint is declined (it cannot complete without holding more), the waiting elements
    /// are handed on first, and false is returned so the caller hands on this one after them.
    /// </summary>
    public bool Hold(int input, in StreamElement<T> element, Action<int, StreamElement<T>>? process, Action<int>? complete)
    {
        if (!_aligned || !_hasBarrier[input] || _received == 0)
        {
            return false;
        }

        if (Waiting >= _capacity && process is not null && complete is not null)
        {
            var declined = _checkpoint;
            Abandon(process, complete);
            _declined?.Invoke(declined);
            return false;
        }

        (_waiting[input] ??= new Queue<StreamElement<T>>()).Enqueue(element);
        Waiting++;
        return true;
    }

    /// <summary>
    /// Barrier <paramref name="checkpointId"/> arrived on <paramref name="input"/>. Returns true when it is the last
    /// one needed: forward the barrier, then <see cref="Release"/> the waiting elements.
    /// </summary>
    public bool OnBarrier(int input, long checkpointId)
    {
        if (checkpointId < _checkpoint || (checkpointId == _checkpoint && _received == 0))
        {
            // A barrier of a checkpoint already passed (or abandoned for a newer one).
            return false;
        }

        if (checkpointId > _checkpoint)
        {
            if (_received > 0)
            {
                throw new InvalidOperationException("A newer barrier arrived while aligning: call Overtakes and Abandon first.");
            }

            _checkpoint = checkpointId;
        }

        if (!_hasBarrier[input])
        {
            if (_received == 0)
            {
                _alignmentStarted = System.Diagnostics.Stopwatch.GetTimestamp();
            }

            _hasBarrier[input] = true;
            _received++;
        }

        return Complete();
    }

    /// <summary>
    /// True when the completion of <paramref name="input"/> must wait, like its elements, because the input is held by
    /// an alignment; <see cref="Release"/> hands it on after the input's waiting elements.
    /// </summary>
    public bool HoldCompletion(int input)
    {
        if (!IsBlocked(input) && _waiting[input] is not { Count: > 0 })
        {
            return false;
        }

        _completionWaiting[input] = true;
        return true;
    }

    /// <summary><paramref name="input"/> completed (not held); true when that completes an alignment (forward the barrier, then release).</summary>
    public bool OnCompleted(int input)
    {
        _completed[input] = true;
        return _received > 0 && Complete();
    }

    /// <summary>True when barrier <paramref name="checkpointId"/> is newer than an alignment in progress, which can then never complete.</summary>
    public bool Overtakes(long checkpointId) => _received > 0 && checkpointId > _checkpoint;

    /// <summary>
    /// Gives up the alignment in progress (its checkpoint is subsumed by a newer one): the waiting elements are handed
    /// to <paramref name="process"/> in their input's order, ahead of the newer barrier.
    /// </summary>
    public void Abandon(Action<int, StreamElement<T>> process, Action<int> complete)
    {
        Array.Clear(_hasBarrier);
        _received = 0;
        Release(process, complete);
    }

    /// <summary>The checkpoint being aligned.</summary>
    public long Checkpoint => _checkpoint;

    /// <summary>
    /// Hands the waiting elements to <paramref name="process"/>, each input's in order, and then a waiting completion to
    /// <paramref name="complete"/>; an input that a released barrier blocks again keeps the rest waiting, in order.
    /// </summary>
    public void Release(Action<int, StreamElement<T>> process, Action<int> complete)
    {
        for (var input = 0; input < _waiting.Length; input++)
        {
            var queue = _waiting[input];
            if (queue is not null)
            {
                _waiting[input] = null;
                while (queue.Count > 0)
                {
                    if (_hasBarrier[input] && _received > 0)
                    {
                        // Blocked again by a barrier among the released elements: the rest waits, ahead of anything newer.
                        _waiting[input] = queue;
                        break;
                    }

                    Waiting--;
                    process(input, queue.Dequeue());
                }
            }

            if (_completionWaiting[input] && !IsBlocked(input) && _waiting[input] is not { Count: > 0 })
            {
                _completionWaiting[input] = false;
                complete(input);
            }
        }
    }

    private bool Complete()
    {
        for (var i = 0; i < _hasBarrier.Length; i++)
        {
            if (!_hasBarrier[i] && !_completed[i])
            {
                return false;
            }
        }

        Array.Clear(_hasBarrier);
        _received = 0;
        if (_aligned)
        {
            Aligned?.Invoke(_checkpoint, System.Diagnostics.Stopwatch.GetElapsedTime(_alignmentStarted));
        }

        return true;
    }
}
