using System;

namespace RxStreams.Operators;

/// <summary>
/// <c>Any</c> and <c>All</c>: at the first record whose predicate gives <c>stopWhen</c>, emits <c>stopWhen</c> with that
/// record's timestamp and ends the stream (<c>Wmax</c>, completion); when the input ends first, emits the opposite,
/// stamped <see cref="EndOfInputSink{TIn, TOut}.ResultTimestamp"/>. Control elements before that pass.
/// </summary>
internal sealed class Quantifier<T> : StreamOperator<T, bool>, IUncheckpointedState
{
    private readonly Func<T, bool> _predicate;
    private readonly bool _stopWhen;

    public Quantifier(IObservable<StreamElement<T>> source, Func<T, bool> predicate, bool stopWhen, string name)
        : base(source, name)
    {
        _predicate = predicate;
        _stopWhen = stopWhen;
    }

    protected override OperatorSink<T, bool> CreateSink(IObserver<StreamElement<bool>> observer) => new Sink(this, observer);

    private sealed class Sink(Quantifier<T> parent, IObserver<StreamElement<bool>> observer) : EndOfInputSink<T, bool>(observer, parent.Name)
    {
        private readonly Func<T, bool> _predicate = parent._predicate;
        private readonly bool _stopWhen = parent._stopWhen;

        protected override void OnRecord(T value, long timestamp)
        {
            bool result;
            try
            {
                result = _predicate(value);
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp);
                return;
            }

            if (result == _stopWhen)
            {
                Emit(_stopWhen, timestamp);
                EndEarly();
            }
        }

        protected override void OnEndOfInput() => Emit(!_stopWhen, ResultTimestamp);
    }
}
