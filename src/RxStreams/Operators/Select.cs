using System;

namespace RxStreams.Operators;

/// <summary>Maps each record's value, keeping its timestamp.</summary>
internal sealed class Select<TIn, TOut> : StreamOperator<TIn, TOut>, ISelectFusable<TOut>
{
    private readonly Func<TIn, TOut> _selector;
    private readonly DeadLetters? _deadLetters;

    public Select(IObservable<StreamElement<TIn>> source, Func<TIn, TOut> selector, DeadLetters? deadLetters)
        : base(source, "Select")
    {
        _selector = selector;
        _deadLetters = deadLetters;
    }

    /// <summary>A <c>Where</c> after this mapping, fused into one operator when both report failures to the same place.</summary>
    public IObservable<StreamElement<TOut>> Where(Func<TOut, bool> predicate, DeadLetters? deadLetters) =>
        ReferenceEquals(deadLetters, _deadLetters)
            ? new SelectWhere<TIn, TOut>(Source, _selector, predicate, deadLetters)
            : new Where<TOut>(this, predicate, deadLetters);

    protected override OperatorSink<TIn, TOut> CreateSink(IObserver<StreamElement<TOut>> observer) => new Sink(this, observer);

    private sealed class Sink : OperatorSink<TIn, TOut>
    {
        private readonly Func<TIn, TOut> _selector;

        public Sink(Select<TIn, TOut> parent, IObserver<StreamElement<TOut>> observer)
            : base(observer, parent.Name, parent._deadLetters) => _selector = parent._selector;

        protected override void OnBatch(ReadOnlySpan<StreamElement<TIn>> values) => RunBatch(values, new Records(this));

        private readonly struct Records(Sink sink) : IRecordHandler<TIn>
        {
            public void OnRecord(TIn value, long timestamp) => sink.OnRecord(value, timestamp);
        }

        protected override void OnRecord(TIn value, long timestamp)
        {
            TOut result;
            try
            {
                result = _selector(value);
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp);
                return;
            }

            Emit(result, timestamp);
        }
    }
}

/// <summary>A mapping that can absorb the filter after it (the source's element type is hidden behind it).</summary>
internal interface ISelectFusable<TOut>
{
    IObservable<StreamElement<TOut>> Where(Func<TOut, bool> predicate, DeadLetters? deadLetters);
}
