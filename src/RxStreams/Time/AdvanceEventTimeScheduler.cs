using System;
using RxStreams.Operators;

namespace RxStreams.Time;

/// <summary>Advances an <see cref="EventTimeScheduler"/> with every watermark, before forwarding the watermark.</summary>
internal sealed class AdvanceEventTimeScheduler<T> : StreamOperator<T, T>
{
    private readonly EventTimeScheduler _scheduler;

    public AdvanceEventTimeScheduler(IObservable<StreamElement<T>> source, EventTimeScheduler scheduler)
        : base(source, "WithEventTimeScheduler") => _scheduler = scheduler;

    protected override OperatorSink<T, T> CreateSink(IObserver<StreamElement<T>> observer)
    {
        // What the Rx operators on the scheduler hold is invisible to a checkpoint.
        Checkpoints.JobRuntime.ThrowIfCheckpointed(Name);
        return new Sink(this, observer);
    }

    private sealed class Sink(AdvanceEventTimeScheduler<T> parent, IObserver<StreamElement<T>> observer)
        : OperatorSink<T, T>(observer, parent.Name, null)
    {
        protected override void OnRecord(T value, long timestamp) => Emit(value, timestamp);

        protected override void OnControl(StreamElement<T> element)
        {
            if (element.Kind == ElementKind.Watermark)
            {
                try
                {
                    parent._scheduler.AdvanceTo(element.Timestamp);
                }
                catch (Exception ex)
                {
                    // A timer is user code: its failure fails this stream, naming the operator, instead of escaping to the producer.
                    Fail(ex, null, element.Timestamp);
                    return;
                }
            }

            Downstream.OnNext(element);
        }
    }
}
