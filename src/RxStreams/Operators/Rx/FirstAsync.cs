using System;

namespace RxStreams.Operators;

/// <summary>
/// Passes the first record (that satisfies a predicate, when given) and ends the stream (<c>Wmax</c>, completion);
/// fails with <see cref="InvalidOperationException"/> when the input ends without one. Control elements before it pass.
/// </summary>
internal sealed class FirstAsync<T> : StreamOperator<T, T>, IUncheckpointedState
{
    private readonly Func<T, bool>? _predicate;

    public FirstAsync(IObservable<StreamElement<T>> source, Func<T, bool>? predicate)
        : base(source, "FirstAsync") => _predicate = predicate;

    protected override OperatorSink<T, T> CreateSink(IObserver<StreamElement<T>> observer) => new Sink(observer, Name, _predicate);

    private sealed class Sink(IObserver<StreamElement<T>> observer, string name, Func<T, bool>? predicate) : EndOfInputSink<T, T>(observer, name)
    {
        protected override void OnRecord(T value, long timestamp)
        {
            if (predicate is not null)
            {
                try
                {
                    if (!predicate(value))
                    {
                        return;
                    }
                }
                catch (Exception ex)
                {
                    Fail(ex, value, timestamp);
                    return;
                }
            }

            Emit(value, timestamp);
            EndEarly();
        }

        protected override void OnEndOfInput() =>
            OnError(new InvalidOperationException($"{Name}: the stream ended without a record{(predicate is null ? "" : " that satisfies the predicate")}."));
    }
}
