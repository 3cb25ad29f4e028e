using System;
using System.Reactive.Concurrency;
using RxStreams.Joins;
using RxStreams.Processing;

namespace RxStreams;

/// <summary>Two connected streams keyed alike (Flink's keyed <c>ConnectedStreams</c>), ready for a keyed co-process function.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="T1">The first input's type.</typeparam>
/// <typeparam name="T2">The second input's type.</typeparam>
public sealed class KeyedConnectedStreams<TKey, T1, T2>
    where TKey : notnull
{
    private readonly KeyedStream<TKey, JoinInput<T1, T2>> _tagged;

    internal KeyedConnectedStreams(KeyedStream<TKey, JoinInput<T1, T2>> tagged) => _tagged = tagged;

    /// <summary>
    /// Runs a keyed co-process function with state and timers per key shared by both inputs (Flink's
    /// <c>connect(...).keyBy(...).process(...)</c>); timers behave as in <see cref="ProcessExtensions.Process{TKey, TIn, TOut}(KeyedStream{TKey, TIn}, Func{KeyedProcessFunction{TKey, TIn, TOut}}, IScheduler?)"/>.
    /// </summary>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="functionFactory">Creates the function; called once per subscription.</param>
    /// <param name="scheduler">The processing-time clock; null when the function uses none.</param>
    public IObservable<StreamElement<TOut>> Process<TOut>(Func<KeyedCoProcessFunction<TKey, T1, T2, TOut>> functionFactory, IScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(functionFactory);
        return new KeyedProcessOperator<TKey, JoinInput<T1, T2>, TOut>(
            _tagged,
            () => new KeyedCoProcessAdapter<TKey, T1, T2, TOut>(ProcessFunctions.Create(functionFactory, "KeyedCoProcess")),
            scheduler,
            "KeyedCoProcess");
    }
}
