using System;

namespace RxStreams.Time;

/// <summary><c>WithEventTime → Select → Where</c>: maps, then filters the mapped values.</summary>
internal readonly struct SelectWhereStage<TIn, TOut> : IRecordStage<TIn, TOut>
{
    private readonly Func<TIn, TOut> _selector;
    private readonly Func<TOut, bool> _predicate;

    public SelectWhereStage(Func<TIn, TOut> selector, Func<TOut, bool> predicate)
    {
        _selector = selector;
        _predicate = predicate;
    }

    public string NodeName => "WithEventTime → Select → Where";

    public StageFailure? Push(in TIn value, long timestamp, Operators.StreamOutput<TOut> downstream)
    {
        TOut result;
        try
        {
            result = _selector(value);
        }
        catch (Exception ex)
        {
            return new StageFailure("Select", value, ex);
        }

        bool keep;
        try
        {
            keep = _predicate(result);
        }
        catch (Exception ex)
        {
            // As the unfused Where, which sees only the mapped value.
            return new StageFailure("Where", result, ex);
        }

        if (keep)
        {
            downstream.OnNext(StreamElement.Record(result, timestamp));
        }

        return null;
    }

    // Longer chains continue as separate operators after this one, as after a fused Select → Where elsewhere.
    public IObservable<StreamElement<TOut>>? ThenWhere(EventTimeInput<TIn> input, Func<TOut, bool> predicate) => null;

    public IObservable<StreamElement<TResult>>? ThenSelect<TResult>(EventTimeInput<TIn> input, Func<TOut, TResult> selector) => null;
}
