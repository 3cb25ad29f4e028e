using System;
using System.Reactive.Disposables;
using System.Threading;
using RxStreams.Operators;

namespace RxStreams.Exchanges;

/// <summary>
/// What a task's segment subscribes to (a consumer task's input, or a partition source's output): a subject, fed on the task's thread, that also hands on runs of records
/// in one call (<see cref="OnNextBatch"/>) to a subscriber that takes batches, so the segment's operators run their batch
/// loops on what the exchange moved as a group, straight out of the channel's ring.
/// </summary>
internal sealed class TaskInput<T> : IObservable<StreamElement<T>>, IBatchObserver<StreamElement<T>>
{
    private readonly object _gate = new();
    private StreamOutput<T>[] _outputs = [];
    private Exception? _error;
    private bool _completed;

    public IDisposable Subscribe(IObserver<StreamElement<T>> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var output = new StreamOutput<T>(observer);
        lock (_gate)
        {
            if (!_completed)
            {
                _outputs = [.. _outputs, output];
                return Disposable.Create(() => Remove(output));
            }
        }

        // As a subject: a late subscriber hears how the stream ended.
        if (_error is not null)
        {
            observer.OnError(_error);
        }
        else
        {
            observer.OnCompleted();
        }

        return Disposable.Empty;
    }

    public void OnNext(StreamElement<T> value)
    {
        foreach (var output in Volatile.Read(ref _outputs))
        {
            output.OnNext(value);
        }
    }

    public void OnError(Exception error)
    {
        foreach (var output in End(error))
        {
            output.OnError(error);
        }
    }

    public void OnCompleted()
    {
        foreach (var output in End(null))
        {
            output.OnCompleted();
        }
    }

    /// <summary>The same as <see cref="OnNext"/> on each element, in one call to each subscriber that takes batches.</summary>
    public void OnNextBatch(ReadOnlySpan<StreamElement<T>> values)
    {
        foreach (var output in Volatile.Read(ref _outputs))
        {
            output.OnNextBatch(values);
        }
    }

    private StreamOutput<T>[] End(Exception? error)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return [];
            }

            _completed = true;
            _error = error;
            var outputs = _outputs;
            _outputs = [];
            return outputs;
        }
    }

    private void Remove(StreamOutput<T> output)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_outputs, output);
            if (index >= 0)
            {
                _outputs = [.. _outputs[..index], .. _outputs[(index + 1)..]];
            }
        }
    }
}
