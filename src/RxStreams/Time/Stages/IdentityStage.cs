using System;

namespace RxStreams.Time;

/// <summary><c>WithEventTime</c> alone: every record passes unchanged.</summary>
internal readonly struct IdentityStage<T> : IRecordStage<T, T>
{
    public string NodeName => "WithEventTime";

    public StageFailure? Push(in T value, long timestamp, Operators.StreamOutput<T> downstream)
    {
        downstream.OnNext(StreamElement.Record(value, timestamp));
        return null;
    }

    public IObservable<StreamElement<T>> ThenWhere(EventTimeInput<T> input, Func<T, bool> predicate) =>
        new TimestampsAndWatermarks<T, T, WhereStage<T>>(input, new WhereStage<T>(predicate));

    public IObservable<StreamElement<TResult>> ThenSelect<TResult>(EventTimeInput<T> input, Func<T, TResult> selector) =>
        new TimestampsAndWatermarks<T, TResult, SelectStage<T, TResult>>(input, new SelectStage<T, TResult>(selector));
}
