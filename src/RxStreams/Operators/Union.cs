using System;
using System.Reactive.Disposables;
using RxStreams.Time;

namespace RxStreams.Operators;

/// <summary>
/// Merges several event-time streams: records pass as they arrive; the output watermark is the minimum of the inputs'
/// watermarks (see <see cref="WatermarkValve"/>). Inputs may call from different threads; a gate serializes them.
/// Checkpoint barriers are aligned (<see cref="Checkpoints.BarrierAligner{T}"/>): a barrier goes on once it arrived on
/// every input, and an input's elements after its barrier wait until then; in an at-least-once job nothing waits.
/// </summary>
internal sealed partial class Union<T> : IObservable<StreamElement<T>>, Graph.IDataflowNode
{
    private readonly IObservable<StreamElement<T>>[] _sources;

    public string NodeName => "Union";

    public System.Collections.Generic.IEnumerable<object> Inputs => _sources;

    public Union(IObservable<StreamElement<T>>[] sources) => _sources = sources;

    public IDisposable Subscribe(IObserver<StreamElement<T>> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var job = Checkpoints.JobRuntime.Current;
        var barriers = new Checkpoints.BarrierAligner<T>(
            _sources.Length,
            job?.Mode != CheckpointingMode.AtLeastOnce,
            job?.AlignmentCapacity ?? int.MaxValue,
            id => job?.Decline(id, $"Union could not hold more than {job.AlignmentCapacity} elements while aligning its barriers"))
        {
            Aligned = job is null ? null : job.OnAligned,
        };
        var sink = new Sink(observer, _sources.Length, barriers);
        WindowExplainer.Current?.AddMerge(this, sink);
        for (var i = 0; i < _sources.Length; i++)
        {
            var subscription = new SingleAssignmentDisposable();
            sink.Subscriptions.Add(subscription);
            subscription.Disposable = _sources[i].Subscribe(new Input(sink, i));
        }

        return sink.Subscriptions;
    }

    private sealed partial class Sink(IObserver<StreamElement<T>> downstream, int inputs, Checkpoints.BarrierAligner<T> barriers)
    {
        private readonly WatermarkValve _valve = new(inputs);
        private readonly StreamOutput<T> _output = new(downstream);
        private readonly Checkpoints.BarrierAligner<T> _barriers = barriers;
        private int _active = inputs;
        private bool _stopped;

        public object Gate { get; } = new();

        public CompositeDisposable Subscriptions { get; } = new();

        public void OnNext(int channel, StreamElement<T> element)
        {
            lock (Gate)
            {
                if (_stopped || _barriers.Hold(channel, element, Process, Complete))
                {
                    return;
                }

                Process(channel, element);
            }
        }

        /// <summary>A run of one input's elements under one lock; what they cause goes on as one batch when the downstream takes batches.</summary>
        public void OnNextBatch(int channel, ReadOnlySpan<StreamElement<T>> elements)
        {
            lock (Gate)
            {
                var begun = _output.BeginBatch();
                try
                {
                    foreach (var element in elements)
                    {
                        if (_stopped)
                        {
                            break;
                        }

                        if (!_barriers.Hold(channel, element, Process, Complete))
                        {
                            Process(channel, element);
                        }
                    }
                }
                finally
                {
                    _output.EndBatch(begun);
                }
            }
        }

        private void Process(int channel, StreamElement<T> element)
        {
            if (element.Kind != ElementKind.Barrier)
            {
                _valve.Push(channel, element, _output);
            }
            else
            {
                if (_barriers.Overtakes(element.Timestamp))
                {
                    _barriers.Abandon(Process, Complete);
                }

                if (!_barriers.OnBarrier(channel, element.Timestamp))
                {
                    return;
                }

                _output.OnNext(element);
                _barriers.Release(Process, Complete);
            }
        }

        public void OnError(Exception error)
        {
            lock (Gate)
            {
                if (_stopped)
                {
                    return;
                }

                _stopped = true;
                _output.OnError(error);
            }

            Subscriptions.Dispose();
        }

        public void OnCompleted(int channel)
        {
            lock (Gate)
            {
                if (_stopped || _barriers.HoldCompletion(channel))
                {
                    return;
                }

                Complete(channel);
                if (!_stopped)
                {
                    return;
                }
            }

            Subscriptions.Dispose();
        }

        /// <summary>An input ended (after whatever of it waited for an alignment).</summary>
        private void Complete(int channel)
        {
            _valve.Complete(channel, _output);
            if (_barriers.OnCompleted(channel))
            {
                _output.OnNext(StreamElement.Barrier<T>(_barriers.Checkpoint));
                _barriers.Release(Process, Complete);
            }

            if (--_active == 0)
            {
                _stopped = true;
                _output.OnCompleted();
            }
        }
    }

    private sealed class Input(Sink sink, int channel) : IBatchObserver<StreamElement<T>>
    {
        public void OnNext(StreamElement<T> value) => sink.OnNext(channel, value);

        public void OnNextBatch(ReadOnlySpan<StreamElement<T>> values) => sink.OnNextBatch(channel, values);

        public void OnError(Exception error) => sink.OnError(error);

        public void OnCompleted() => sink.OnCompleted(channel);
    }
}
