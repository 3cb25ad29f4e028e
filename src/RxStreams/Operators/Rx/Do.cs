using System;

namespace RxStreams.Operators;

/// <summary>Runs an action for each record (and, when given, at completion) and passes every element on unchanged.</summary>
internal sealed class Do<T> : StreamOperator<T, T>
{
    private readonly Action<T> _onNext;
    private readonly Action? _onCompleted;

    public Do(IObservable<StreamElement<T>> source, Action<T> onNext, Action? onCompleted)
        : base(source, "Do")
    {
        _onNext = onNext;
        _onCompleted = onCompleted;
    }

    protected override OperatorSink<T, T> CreateSink(IObserver<StreamElement<T>> observer) => new Sink(this, observer);

    private sealed class Sink(Do<T> parent, IObserver<StreamElement<T>> observer) : OperatorSink<T, T>(observer, parent.Name, null)
    {
        private readonly Action<T> _onNext = parent._onNext;

        protected override void OnRecord(T value, long timestamp)
        {
            try
            {
                _onNext(value);
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp);
                return;
            }

            Emit(value, timestamp);
        }

        protected override void OnEnd()
        {
            try
            {
                parent._onCompleted?.Invoke();
            }
            catch (Exception ex)
            {
                Fail(ex, null, null);
            }
        }
    }
}
