using System;
using RxStreams.State;

namespace RxStreams;

/// <summary>
/// What a process function gets when it opens (Flink's <c>RuntimeContext</c>): its operator's name and, on a keyed
/// stream, its keyed states. Declare states in <c>Open</c> and keep the handles in fields; a handle reads and writes
/// the state of the key being processed.
/// </summary>
public sealed class RuntimeContext
{
    private readonly IKeyedStateBackend? _state;

    internal RuntimeContext(string operatorName, IKeyedStateBackend? state)
    {
        OperatorName = operatorName;
        _state = state;
    }

    /// <summary>The operator's name, as in errors and the dataflow graph.</summary>
    public string OperatorName { get; }

    /// <summary>A value per key.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="descriptor">The state's name, default value and time to live.</param>
    public ValueState<T> GetState<T>(ValueStateDescriptor<T> descriptor) => Keyed(descriptor).GetState(descriptor);

    /// <summary>A list per key.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="descriptor">The state's name and time to live.</param>
    public ListState<T> GetListState<T>(ListStateDescriptor<T> descriptor) => Keyed(descriptor).GetListState(descriptor);

    /// <summary>A map per key.</summary>
    /// <typeparam name="TUserKey">The map's key type.</typeparam>
    /// <typeparam name="TUserValue">The map's value type.</typeparam>
    /// <param name="descriptor">The state's name, key comparer and time to live.</param>
    public MapState<TUserKey, TUserValue> GetMapState<TUserKey, TUserValue>(MapStateDescriptor<TUserKey, TUserValue> descriptor)
        where TUserKey : notnull =>
        Keyed(descriptor).GetMapState(descriptor);

    /// <summary>A reduced value per key.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="descriptor">The state's name, reduce function and time to live.</param>
    public ReducingState<T> GetReducingState<T>(ReducingStateDescriptor<T> descriptor) => Keyed(descriptor).GetReducingState(descriptor);

    /// <summary>An accumulator per key.</summary>
    /// <typeparam name="TIn">The added value type.</typeparam>
    /// <typeparam name="TAcc">The accumulator type.</typeparam>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <param name="descriptor">The state's name, aggregate function and time to live.</param>
    public AggregatingState<TIn, TOut> GetAggregatingState<TIn, TAcc, TOut>(AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor) =>
        Keyed(descriptor).GetAggregatingState(descriptor);

    private IKeyedStateBackend Keyed(StateDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return _state ?? throw new InvalidOperationException(
            $"Operator '{OperatorName}' asks for keyed state '{descriptor.Name}' on a stream that is not keyed: call KeyBy(...) before Process(...).");
    }
}
