using System;
using System.Runtime.CompilerServices;

namespace RxStreams.Operators;

/// <summary>
/// An operator's output. Outside a batch it passes each element straight on. While the operator works through an
/// input batch (<see cref="BeginBatch"/> … <see cref="EndBatch"/>) and the downstream observer takes batches, it collects
/// what the operator emits, in order, and hands it on in one call at the end of the input batch (or when the buffer is
/// full, or before an error or completion). A sealed class, so that the operator's emit is a direct, inlined call.
/// Elements that hold references are not collected: copying them into a heap buffer costs a GC write barrier per
/// reference (measured: collecting Nexmark q0's bids, three strings each, made it 31.6 ns per event instead of 22.5),
/// more than the calls it saves, so they go on one at a time; a run that arrives as a span is still handed on as it is.
/// </summary>
internal sealed class StreamOutput<T> : IObserver<StreamElement<T>>
{
    private readonly IObserver<StreamElement<T>> _target;
    private readonly IBatchObserver<StreamElement<T>>? _batchTarget;
    private readonly bool _collects;
    private StreamElement<T>[]? _buffer;
    private int _count;
    private bool _buffering;

    public StreamOutput(IObserver<StreamElement<T>> target)
    {
        _target = target;
        _batchTarget = Batching.Of(target);
        _collects = _batchTarget is not null && !RuntimeHelpers.IsReferenceOrContainsReferences<StreamElement<T>>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnNext(StreamElement<T> value)
    {
        if (_buffering)
        {
            var buffer = _buffer!;
            var count = _count;
            if ((uint)count < (uint)buffer.Length)
            {
                buffer[count] = value;
                _count = count + 1;
                return;
            }

            FlushAndAdd(value);
            return;
        }

        _target.OnNext(value);
    }

    /// <summary>The same as <see cref="OnNext"/> on each value: one call when the downstream takes batches.</summary>
    public void OnNextBatch(ReadOnlySpan<StreamElement<T>> values)
    {
        if (_batchTarget is not null && !_buffering)
        {
            _batchTarget.OnNextBatch(values);
            return;
        }

        foreach (ref readonly var value in values)
        {
            OnNext(value);
        }
    }

    public void OnError(Exception error)
    {
        Flush();
        _buffering = false;
        _target.OnError(error);
    }

    public void OnCompleted()
    {
        Flush();
        _buffering = false;
        _target.OnCompleted();
    }

    /// <summary>Starts collecting (when the downstream takes batches); returns whether it did, to pass to <see cref="EndBatch"/>.</summary>
    public bool BeginBatch()
    {
        if (!_collects || _buffering)
        {
            return false;
        }

        _buffer ??= new StreamElement<T>[Batching.Size];
        _buffering = true;
        return true;
    }

    /// <summary>Hands on what was collected since <see cref="BeginBatch"/> returned true, and passes elements straight on again.</summary>
    public void EndBatch(bool begun)
    {
        if (begun)
        {
            _buffering = false;
            Flush();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FlushAndAdd(StreamElement<T> value)
    {
        Flush();
        _buffer![_count++] = value;
    }

    private void Flush()
    {
        var count = _count;
        if (count == 0)
        {
            return;
        }

        // Reset first: the downstream may fail, and a retry or a later element must not see these again.
        _count = 0;
        _batchTarget!.OnNextBatch(new ReadOnlySpan<StreamElement<T>>(_buffer, 0, count));
    }
}
