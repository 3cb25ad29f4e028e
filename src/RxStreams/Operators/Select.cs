using System;

namespace RxStreams.Operators;

/// <summary>Maps each record's value, keeping its timestamp.</summary>
internal sealed class Select<TIn, TOut> : StreamOperator<TIn, TOut>
{
    private readonly Func<TIn, TOut> _selector;
    private readonly DeadLetters? _deadLetters;

    public Select(IObservable<StreamElement<TIn>> source, Func<TIn, TOut> selector, DeadLetters? deadLetters)
        : base(source, "Select")
    {
        _selector = selector;
        _deadLetters = deadLetters;
    }

    protected override OperatorSink<TIn, TOut> CreateSink(IObserver<StreamElement<TOut>> observer) => new Sink(this, observer);

    private sealed class Sink : OperatorSink<TIn, TOut>
    {
        private readonly Func<TIn, TOut> _selector;

        public Sink(Select<TIn, TOut> parent, IObserver<StreamElement<TOut>> observer)
            : base(observer, parent.Name, parent._deadLetters) => _selector = parent._selector;

        protected override void OnRecord(in StreamElement<TIn> element)
        {
            TOut result;
            try
            {
                result = _selector(element.Value);
            }
            catch (Exception ex)
            {
                Fail(ex, element.Value, element.Timestamp);
                return;
            }

            Emit(result, element.Timestamp);
        }

        protected override void OnRecord(TIn value, long timestamp) => OnRecord(StreamElement.Record(value, timestamp));
    }
}
