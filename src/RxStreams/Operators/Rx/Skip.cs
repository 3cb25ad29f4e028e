using System;

namespace RxStreams.Operators;

/// <summary>Drops the first records; control elements always pass.</summary>
internal sealed class Skip<T> : StreamOperator<T, T>, IUncheckpointedState
{
    private readonly long _count;

    public Skip(IObservable<StreamElement<T>> source, long count)
        : base(source, "Skip") => _count = count;

    protected override OperatorSink<T, T> CreateSink(IObserver<StreamElement<T>> observer) => new Sink(observer, Name, _count);

    private sealed class Sink(IObserver<StreamElement<T>> observer, string name, long count) : OperatorSink<T, T>(observer, name, null)
    {
        private long _remaining = count;

        protected override void OnRecord(T value, long timestamp)
        {
            if (_remaining > 0)
            {
                _remaining--;
                return;
            }

            Emit(value, timestamp);
        }
    }
}
