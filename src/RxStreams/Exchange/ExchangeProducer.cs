using System;

namespace RxStreams.Exchanges;

/// <summary>
/// The sending side of one producer task: routes each record to its consumer's channel, and every control element to
/// all of them. A failing key selector fails every consumer with a <see cref="StreamOperatorException"/> naming the
/// operator the user wrote (<paramref name="name"/>), or sends the record to <paramref name="deadLetters"/> when given.
/// </summary>
internal sealed class ExchangeProducer<T>(IRouter<T> router, ExchangeChannel<T>[] targets, string name, DeadLetters? deadLetters) : IBatchObserver<StreamElement<T>>
{
    private bool _stopped;
    private int _nextMarkerTarget;
    private Operators.ConcurrentCallGuard _calls;

    public void OnNext(StreamElement<T> value)
    {
        if (_stopped)
        {
            return;
        }

        // A source that calls from two threads at once (Rx forbids it) corrupts the channels' single-producer state.
        var ticket = _calls.Enter();
        try
        {
            Send(value);
        }
        catch (ExchangeOverflowException ex)
        {
            OnError(ex);
        }

        if (_calls.Overlapped(ticket))
        {
            OnError(new ConcurrentOnNextException(name));
        }
    }

    /// <summary>A run of elements, routed as <see cref="OnNext"/> routes each, with one concurrency check.</summary>
    public void OnNextBatch(ReadOnlySpan<StreamElement<T>> values)
    {
        var ticket = _calls.Enter();
        try
        {
            for (var i = 0; i < values.Length && !_stopped; i++)
            {
                Send(values[i]);
            }
        }
        catch (ExchangeOverflowException ex)
        {
            OnError(ex);
        }

        if (_calls.Overlapped(ticket))
        {
            OnError(new ConcurrentOnNextException(name));
        }
    }

    private void Send(in StreamElement<T> value)
    {
        if (value.Kind == ElementKind.LatencyMarker)
        {
            // A marker samples one path through the exchange, as Flink sends it to one random channel.
            targets[_nextMarkerTarget].Write(value);
            _nextMarkerTarget = (_nextMarkerTarget + 1) % targets.Length;
            return;
        }

        if (!value.IsRecord)
        {
            if (value.Kind == ElementKind.Barrier && targets[0].Announcements is not null)
            {
                // Unaligned: the consumers may take the checkpoint before this barrier, queued behind records, reaches them.
                foreach (var target in targets)
                {
                    target.AnnounceBarrier(value.Timestamp);
                }
            }

            foreach (var target in targets)
            {
                target.Write(value);
            }

            return;
        }

        int route;
        try
        {
            route = router.Route(value.Value, value.Timestamp);
        }
        catch (Exception ex)
        {
            if (deadLetters is not null)
            {
                deadLetters.Emit(new DeadLetter(name, value.Value, value.Timestamp, ex));
                return;
            }

            OnError(ex as StreamOperatorException ?? new StreamOperatorException(name, value.Value, value.Timestamp, ex.Message, ex));
            return;
        }

        if (route == IRouter<T>.All)
        {
            foreach (var target in targets)
            {
                target.Write(value);
            }
        }
        else
        {
            targets[route].Write(value);
        }
    }

    public void OnError(Exception error)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        foreach (var target in targets)
        {
            target.Complete(error);
        }
    }

    public void OnCompleted()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        foreach (var target in targets)
        {
            target.Complete(null);
        }
    }
}
