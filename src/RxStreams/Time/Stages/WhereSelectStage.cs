using System;

namespace RxStreams.Time;

/// <summary><c>WithEventTime → Where → Select</c>: filters, then maps the records kept.</summary>
internal readonly struct WhereSelectStage<TIn, TOut> : IRecordStage<TIn, TOut>
{
    private readonly Func<TIn, bool> _predicate;
    private readonly Func<TIn, TOut> _selector;

    public WhereSelectStage(Func<TIn, bool> predicate, Func<TIn, TOut> selector)
    {
        _predicate = predicate;
        _selector = selector;
    }

    public string NodeName => "WithEventTime → Where → Select";

    public StageFailure? Push(in TIn value, long timestamp, Operators.StreamOutput<TOut> downstream)
    {
        try
        {
            if (!_predicate(value))
            {
                return null;
            }
        }
        catch (Exception ex)
        {
            return new StageFailure("Where", value, ex);
        }

        TOut result;
        try
        {
            result = _selector(value);
        }
        catch (Exception ex)
        {
            return new StageFailure("Select", value, ex);
        }

        downstream.OnNext(StreamElement.Record(result, timestamp));
        return null;
    }

    // Longer chains continue as separate operators after this one, as after a fused Where → Select elsewhere.
    public IObservable<StreamElement<TOut>>? ThenWhere(EventTimeInput<TIn> input, Func<TOut, bool> predicate) => null;

    public IObservable<StreamElement<TResult>>? ThenSelect<TResult>(EventTimeInput<TIn> input, Func<TOut, TResult> selector) => null;
}
