using System;

namespace RxStreams.Operators;

/// <summary>Drops records while they satisfy a predicate, then passes every record; control elements always pass.</summary>
internal sealed class SkipWhile<T> : StreamOperator<T, T>, IUncheckpointedState
{
    private readonly Func<T, bool> _predicate;

    public SkipWhile(IObservable<StreamElement<T>> source, Func<T, bool> predicate)
        : base(source, "SkipWhile") => _predicate = predicate;

    protected override OperatorSink<T, T> CreateSink(IObserver<StreamElement<T>> observer) => new Sink(observer, Name, _predicate);

    private sealed class Sink(IObserver<StreamElement<T>> observer, string name, Func<T, bool> predicate) : OperatorSink<T, T>(observer, name, null)
    {
        private bool _passing;

        protected override void OnRecord(T value, long timestamp)
        {
            if (!_passing)
            {
                try
                {
                    _passing = !predicate(value);
                }
                catch (Exception ex)
                {
                    Fail(ex, value, timestamp);
                    return;
                }
            }

            if (_passing)
            {
                Emit(value, timestamp);
            }
        }
    }
}
