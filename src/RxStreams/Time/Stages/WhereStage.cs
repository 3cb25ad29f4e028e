using System;

namespace RxStreams.Time;

/// <summary><c>WithEventTime → Where</c>: keeps the records that satisfy the predicate.</summary>
internal readonly struct WhereStage<T> : IRecordStage<T, T>
{
    private readonly Func<T, bool> _predicate;

    public WhereStage(Func<T, bool> predicate) => _predicate = predicate;

    public string NodeName => "WithEventTime → Where";

    public StageFailure? Push(in T value, long timestamp, Operators.StreamOutput<T> downstream)
    {
        bool keep;
        try
        {
            keep = _predicate(value);
        }
        catch (Exception ex)
        {
            return new StageFailure("Where", value, ex);
        }

        if (keep)
        {
            downstream.OnNext(StreamElement.Record(value, timestamp));
        }

        return null;
    }

    // Two filters in a row stay two operators, as on any other stream.
    public IObservable<StreamElement<T>>? ThenWhere(EventTimeInput<T> input, Func<T, bool> predicate) => null;

    public IObservable<StreamElement<TResult>> ThenSelect<TResult>(EventTimeInput<T> input, Func<T, TResult> selector) =>
        new TimestampsAndWatermarks<T, TResult, WhereSelectStage<T, TResult>>(input, new WhereSelectStage<T, TResult>(_predicate, selector));
}
