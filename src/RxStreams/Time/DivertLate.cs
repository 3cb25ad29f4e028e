using System;
using RxStreams.Operators;

namespace RxStreams.Time;

/// <summary>
/// Sends records whose timestamp is below the current watermark (late records) to a side output instead of downstream.
/// </summary>
internal sealed class DivertLate<T> : StreamOperator<T, T>
{
    private readonly SideOutput<Record<T>> _late;

    public DivertLate(IObservable<StreamElement<T>> source, SideOutput<Record<T>> late)
        : base(source, "DivertLate") => _late = late;

    protected override OperatorSink<T, T> CreateSink(IObserver<StreamElement<T>> observer) => new Sink(this, observer);

    private sealed class Sink(DivertLate<T> parent, IObserver<StreamElement<T>> observer)
        : OperatorSink<T, T>(observer, parent.Name, null)
    {
        private long _watermark = Watermark.MinValue;

        protected override void OnRecord(T value, long timestamp)
        {
            if (timestamp < _watermark)
            {
                parent._late.Emit(new Record<T>(value, timestamp));
                return;
            }

            Emit(value, timestamp);
        }

        protected override void OnControl(StreamElement<T> element)
        {
            if (element.Kind == ElementKind.Watermark && element.Timestamp > _watermark)
            {
                _watermark = element.Timestamp;
            }

            Downstream.OnNext(element);
        }
    }
}
