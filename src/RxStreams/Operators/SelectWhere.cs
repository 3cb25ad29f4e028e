using System;

namespace RxStreams.Operators;

/// <summary>
/// <c>Select</c> followed by <c>Where</c> on the mapped value, fused: one hop per record instead of two. Failures name
/// the operator whose function failed.
/// </summary>
internal sealed class SelectWhere<TIn, TOut> : StreamOperator<TIn, TOut>
{
    private readonly Func<TIn, TOut> _selector;
    private readonly Func<TOut, bool> _predicate;
    private readonly DeadLetters? _deadLetters;

    public SelectWhere(IObservable<StreamElement<TIn>> source, Func<TIn, TOut> selector, Func<TOut, bool> predicate, DeadLetters? deadLetters)
        : base(source, "Select → Where")
    {
        _selector = selector;
        _predicate = predicate;
        _deadLetters = deadLetters;
    }

    protected override OperatorSink<TIn, TOut> CreateSink(IObserver<StreamElement<TOut>> observer) => new Sink(this, observer);

    private sealed class Sink(SelectWhere<TIn, TOut> parent, IObserver<StreamElement<TOut>> observer)
        : OperatorSink<TIn, TOut>(observer, parent.Name, parent._deadLetters)
    {
        private readonly Func<TIn, TOut> _selector = parent._selector;
        private readonly Func<TOut, bool> _predicate = parent._predicate;

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
                Fail(ex, value, timestamp, "Select");
                return;
            }

            try
            {
                if (!_predicate(result))
                {
                    return;
                }
            }
            catch (Exception ex)
            {
                Fail(ex, result, timestamp, "Where");
                return;
            }

            Emit(result, timestamp);
        }
    }
}
