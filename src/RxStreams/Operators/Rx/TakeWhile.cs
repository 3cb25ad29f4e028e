using System;

namespace RxStreams.Operators;

/// <summary>
/// Passes records while they satisfy a predicate; at the first that does not, ends the stream as a bounded source
/// does (<c>Wmax</c>, then completion). Control elements before that pass.
/// </summary>
internal sealed class TakeWhile<T> : StreamOperator<T, T>, IUncheckpointedState
{
    private readonly Func<T, bool> _predicate;

    public TakeWhile(IObservable<StreamElement<T>> source, Func<T, bool> predicate)
        : base(source, "TakeWhile") => _predicate = predicate;

    protected override OperatorSink<T, T> CreateSink(IObserver<StreamElement<T>> observer) => new Sink(observer, Name, _predicate);

    private sealed class Sink(IObserver<StreamElement<T>> observer, string name, Func<T, bool> predicate) : EndOfInputSink<T, T>(observer, name)
    {
        protected override void OnRecord(T value, long timestamp)
        {
            bool taken;
            try
            {
                taken = predicate(value);
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp);
                return;
            }

            if (taken)
            {
                Emit(value, timestamp);
            }
            else
            {
                EndEarly();
            }
        }
    }
}
