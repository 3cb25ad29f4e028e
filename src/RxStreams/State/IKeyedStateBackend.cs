namespace RxStreams.State;

/// <summary>Where a keyed operator's states live (heap today), scoped to the key being processed.</summary>
internal interface IKeyedStateBackend
{
    ValueState<T> GetState<T>(ValueStateDescriptor<T> descriptor);

    ListState<T> GetListState<T>(ListStateDescriptor<T> descriptor);

    MapState<TUserKey, TUserValue> GetMapState<TUserKey, TUserValue>(MapStateDescriptor<TUserKey, TUserValue> descriptor)
        where TUserKey : notnull;

    ReducingState<T> GetReducingState<T>(ReducingStateDescriptor<T> descriptor);

    AggregatingState<TIn, TOut> GetAggregatingState<TIn, TAcc, TOut>(AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor);
}
