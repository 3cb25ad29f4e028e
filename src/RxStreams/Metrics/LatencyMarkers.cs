using System;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Threading;

namespace RxStreams.Metrics;

/// <summary>
/// Emits a latency marker every interval of processing time into the stream (Flink's latency tracking). The timer
/// and the source can run on different threads, so both take a gate here.
/// </summary>
internal sealed class LatencyMarkers<T>(IObservable<StreamElement<T>> source, TimeSpan interval, IScheduler scheduler)
    : IObservable<StreamElement<T>>, Graph.IDataflowNode
{
    public string NodeName => "LatencyMarkers";

    public System.Collections.Generic.IEnumerable<object> Inputs => [source];

    public IDisposable Subscribe(IObserver<StreamElement<T>> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var sink = new Sink(observer, scheduler);
        var timer = scheduler.SchedulePeriodic(interval, sink.Tick);
        var upstream = source.Subscribe(sink);
        return new CompositeDisposable(timer, upstream, sink);
    }

    private sealed class Sink(IObserver<StreamElement<T>> downstream, IScheduler scheduler) : IObserver<StreamElement<T>>, IDisposable
    {
        private readonly Lock _gate = new();
        private bool _stopped;

        public void Tick()
        {
            lock (_gate)
            {
                if (!_stopped)
                {
                    downstream.OnNext(StreamElement.LatencyMarker<T>(scheduler.Now.UtcTicks));
                }
            }
        }

        public void OnNext(StreamElement<T> value)
        {
            lock (_gate)
            {
                if (!_stopped)
                {
                    downstream.OnNext(value);
                }
            }
        }

        public void OnError(Exception error)
        {
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }

                _stopped = true;
                downstream.OnError(error);
            }
        }

        public void OnCompleted()
        {
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }

                _stopped = true;
                downstream.OnCompleted();
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _stopped = true;
            }
        }
    }
}
