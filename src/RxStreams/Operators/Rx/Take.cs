using System;

namespace RxStreams.Operators;

/// <summary>
/// Passes the first records and then ends the stream as a bounded source does: <c>Wmax</c>, then completion, so that
/// windows and timers downstream fire. Control elements before that pass.
/// </summary>
internal sealed class Take<T> : StreamOperator<T, T>, IUncheckpointedState
{
    private readonly long _count;

    public Take(IObservable<StreamElement<T>> source, long count)
        : base(source, "Take") => _count = count;

    protected override OperatorSink<T, T> CreateSink(IObserver<StreamElement<T>> observer) => new Sink(observer, Name, _count);

    private sealed class Sink(IObserver<StreamElement<T>> observer, string name, long count) : EndOfInputSink<T, T>(observer, name)
    {
        private long _remaining = count;

        protected override void OnStart()
        {
            if (_remaining == 0)
            {
                EndEarly();
            }
        }

        protected override void OnRecord(T value, long timestamp)
        {
            Emit(value, timestamp);
            if (--_remaining == 0)
            {
                EndEarly();
            }
        }
    }
}
