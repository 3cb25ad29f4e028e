using System;

namespace RxStreams.Operators;

/// <summary>
/// <c>Where</c> followed by <c>Select</c>, fused (as Rx.NET fuses them): one hop per record instead of two. Failures
/// name the operator whose function failed. In a graph it is one node, <c>Where → Select</c>, as Flink shows chained operators.
/// </summary>
internal sealed class WhereSelect<TIn, TOut> : StreamOperator<TIn, TOut>
{
    private readonly Func<TIn, bool> _predicate;
    private readonly Func<TIn, TOut> _selector;
    private readonly DeadLetters? _deadLetters;

    public WhereSelect(IObservable<StreamElement<TIn>> source, Func<TIn, bool> predicate, Func<TIn, TOut> selector, DeadLetters? deadLetters)
        : base(source, "Where → Select")
    {
        _predicate = predicate;
        _selector = selector;
        _deadLetters = deadLetters;
    }

    protected override OperatorSink<TIn, TOut> CreateSink(IObserver<StreamElement<TOut>> observer) => new Sink(this, observer);

    private sealed class Sink(WhereSelect<TIn, TOut> parent, IObserver<StreamElement<TOut>> observer)
        : OperatorSink<TIn, TOut>(observer, parent.Name, parent._deadLetters)
    {
        private readonly Func<TIn, bool> _predicate = parent._predicate;
        private readonly Func<TIn, TOut> _selector = parent._selector;

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
                if (!_predicate(value))
                {
                    return;
                }
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp, "Where");
                return;
            }

            try
            {
                result = _selector(value);
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp, "Select");
                return;
            }

            Emit(result, timestamp);
        }
    }
}
