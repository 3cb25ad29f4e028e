using System;
using RxStreams.Operators;

namespace RxStreams.Metrics;

/// <summary>A measuring point: counts records and late records, tracks the watermark, and measures latency markers; forwards everything.</summary>
internal sealed class Measure<T> : StreamOperator<T, T>
{
    private readonly StreamMetrics _metrics;
    private readonly string _point;

    public Measure(IObservable<StreamElement<T>> source, string point, StreamMetrics metrics)
        : base(source, "Measure " + point)
    {
        _point = point;
        _metrics = metrics;
    }

    protected override OperatorSink<T, T> CreateSink(IObserver<StreamElement<T>> observer) => new Sink(this, observer);

    private sealed class Sink(Measure<T> parent, IObserver<StreamElement<T>> observer) : OperatorSink<T, T>(observer, parent.Name, null)
    {
        private readonly MeasureCell _cell = parent._metrics.Register(parent._point);

        protected override void OnRecord(T value, long timestamp)
        {
            _cell.OnRecord(timestamp);
            Emit(value, timestamp);
        }

        protected override void OnControl(StreamElement<T> element)
        {
            if (element.Kind == ElementKind.Watermark)
            {
                _cell.OnWatermark(element.Timestamp);
            }
            else if (element.Kind == ElementKind.LatencyMarker)
            {
                _cell.OnLatencyMarker(element.Timestamp);
            }

            Downstream.OnNext(element);
        }
    }
}
