using System;
using System.Reactive.Disposables;
using RxStreams.Time;

namespace RxStreams.Operators;

/// <summary>
/// Merges several event-time streams: records pass as they arrive; the output watermark is the minimum of the inputs'
/// watermarks (see <see cref="WatermarkValve"/>). Inputs may call from different threads; a gate serializes them.
/// Checkpoint barriers are forwarded as they arrive (alignment comes with checkpoints).
/// </summary>
internal sealed class Union<T> : IObservable<StreamElement<T>>
{
    private readonly IObservable<StreamElement<T>>[] _sources;

    public Union(IObservable<StreamElement<T>>[] sources) => _sources = sources;

    public IDisposable Subscribe(IObserver<StreamElement<T>> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var sink = new Sink(observer, _sources.Length);
        for (var i = 0; i < _sources.Length; i++)
        {
            var subscription = new SingleAssignmentDisposable();
            sink.Subscriptions.Add(subscription);
            subscription.Disposable = _sources[i].Subscribe(new Input(sink, i));
        }

        return sink.Subscriptions;
    }

    private sealed class Sink(IObserver<StreamElement<T>> downstream, int inputs)
    {
        private readonly WatermarkValve _valve = new(inputs);
        private int _active = inputs;
        private bool _stopped;

        public object Gate { get; } = new();

        public CompositeDisposable Subscriptions { get; } = new();

        public void OnNext(int channel, StreamElement<T> element)
        {
            lock (Gate)
            {
                if (_stopped)
                {
                    return;
                }

                switch (element.Kind)
                {
                    case ElementKind.Record:
                        if (_valve.OnActive(channel))
                        {
                            downstream.OnNext(StreamElement.Active<T>());
                        }

                        downstream.OnNext(element);
                        break;
                    case ElementKind.Watermark:
                        if (_valve.OnActive(channel))
                        {
                            downstream.OnNext(StreamElement.Active<T>());
                        }

                        if (_valve.OnWatermark(channel, element.Timestamp))
                        {
                            downstream.OnNext(StreamElement.Watermark<T>(_valve.Output));
                        }

                        break;
                    case ElementKind.Idle:
                        var wasIdle = _valve.IsIdle;
                        if (_valve.OnIdle(channel))
                        {
                            downstream.OnNext(StreamElement.Watermark<T>(_valve.Output));
                        }

                        // Only the turn to idle is forwarded: a repeated Idle from an input must not repeat it.
                        if (!wasIdle && _valve.IsIdle)
                        {
                            downstream.OnNext(StreamElement.Idle<T>());
                        }

                        break;
                    case ElementKind.Active:
                        if (_valve.OnActive(channel))
                        {
                            downstream.OnNext(StreamElement.Active<T>());
                        }

                        break;
                    default:
                        downstream.OnNext(element);
                        break;
                }
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
                downstream.OnError(error);
            }

            Subscriptions.Dispose();
        }

        public void OnCompleted(int channel)
        {
            lock (Gate)
            {
                if (_stopped)
                {
                    return;
                }

                var wasIdle = _valve.IsIdle;
                var advanced = _valve.OnCompleted(channel);
                if (wasIdle)
                {
                    downstream.OnNext(StreamElement.Active<T>());
                }

                if (advanced)
                {
                    downstream.OnNext(StreamElement.Watermark<T>(_valve.Output));
                }

                if (--_active > 0)
                {
                    return;
                }

                _stopped = true;
                downstream.OnCompleted();
            }

            Subscriptions.Dispose();
        }
    }

    private sealed class Input(Sink sink, int channel) : IObserver<StreamElement<T>>
    {
        public void OnNext(StreamElement<T> value) => sink.OnNext(channel, value);

        public void OnError(Exception error) => sink.OnError(error);

        public void OnCompleted() => sink.OnCompleted(channel);
    }
}
