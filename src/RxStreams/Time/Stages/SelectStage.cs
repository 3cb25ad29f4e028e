using System;

namespace RxStreams.Time;

/// <summary><c>WithEventTime → Select</c>: maps each record's value.</summary>
internal readonly struct SelectStage<TIn, TOut> : IRecordStage<TIn, TOut>
{
    private readonly Func<TIn, TOut> _selector;

    public SelectStage(Func<TIn, TOut> selector) => _selector = selector;

    public string NodeName => "WithEventTime → Select";

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

        downstream.OnNext(StreamElement.Record(result, timestamp));
        return null;
    }

    public IObservable<StreamElement<TOut>> ThenWhere(EventTimeInput<TIn> input, Func<TOut, bool> predicate) =>
        new TimestampsAndWatermarks<TIn, TOut, SelectWhereStage<TIn, TOut>>(input, new SelectWhereStage<TIn, TOut>(_selector, predicate));

    // Two mappings in a row stay two operators, as on any other stream.
    public IObservable<StreamElement<TResult>>? ThenSelect<TResult>(EventTimeInput<TIn> input, Func<TOut, TResult> selector) => null;
}
