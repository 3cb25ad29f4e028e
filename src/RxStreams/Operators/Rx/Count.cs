using System;

namespace RxStreams.Operators;

/// <summary>
/// Counts the records (those that satisfy a predicate, when given) and emits the count once the input ends, stamped
/// <see cref="EndOfInputSink{TIn, TOut}.ResultTimestamp"/>; control elements pass.
/// </summary>
internal sealed class Count<T, TCount> : StreamOperator<T, TCount>, IUncheckpointedState
{
    private readonly Func<T, bool>? _predicate;
    private readonly Func<long, TCount> _result;

    public Count(IObservable<StreamElement<T>> source, Func<T, bool>? predicate, Func<long, TCount> result, string name)
        : base(source, name)
    {
        _predicate = predicate;
        _result = result;
    }

    protected override OperatorSink<T, TCount> CreateSink(IObserver<StreamElement<TCount>> observer) => new Sink(this, observer);

    private sealed class Sink(Count<T, TCount> parent, IObserver<StreamElement<TCount>> observer) : EndOfInputSink<T, TCount>(observer, parent.Name)
    {
        private readonly Func<T, bool>? _predicate = parent._predicate;
        private long _count;

        protected override void OnRecord(T value, long timestamp)
        {
            if (_predicate is null)
            {
                _count++;
                return;
            }

            try
            {
                if (_predicate(value))
                {
                    _count++;
                }
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp);
            }
        }

        protected override void OnEndOfInput()
        {
            TCount count;
            try
            {
                count = parent._result(_count);
            }
            catch (OverflowException ex)
            {
                Fail(ex, null, null);
                return;
            }

            Emit(count, ResultTimestamp);
        }
    }
}
