using System;
using System.Collections.Generic;
using RxStreams.Joins;
using RxStreams.Processing;

namespace RxStreams;

/// <summary>
/// Two streams of different types processed by one function (Flink's <c>ConnectedStreams</c>). The function's watermark
/// is the minimum of the two inputs' (idle inputs left out), as in <c>Union</c>.
/// </summary>
/// <typeparam name="T1">The first input's type.</typeparam>
/// <typeparam name="T2">The second input's type.</typeparam>
public sealed class ConnectedStreams<T1, T2>
{
    internal ConnectedStreams(IObservable<StreamElement<T1>> first, IObservable<StreamElement<T2>> second)
    {
        First = first;
        Second = second;
    }

    /// <summary>The first input.</summary>
    public IObservable<StreamElement<T1>> First { get; }

    /// <summary>The second input.</summary>
    public IObservable<StreamElement<T2>> Second { get; }

    /// <summary>Keys both inputs alike, so they share state and timers per key (Flink's <c>connect(...).keyBy(...)</c>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="firstKey">The key of a first-input record; it must not return null.</param>
    /// <param name="secondKey">The key of a second-input record; it must not return null.</param>
    /// <param name="comparer">How keys compare; the default comparer when null.</param>
    /// <param name="deadLetters">Where records whose key or function fails go; null to fail the stream instead.</param>
    public KeyedConnectedStreams<TKey, T1, T2> KeyBy<TKey>(
        Func<T1, TKey> firstKey,
        Func<T2, TKey> secondKey,
        IEqualityComparer<TKey>? comparer = null,
        DeadLetters? deadLetters = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(firstKey);
        ArgumentNullException.ThrowIfNull(secondKey);
        var keyed = Tagged().KeyBy(input => input.IsLeft ? firstKey(input.Left) : secondKey(input.Right), comparer, deadLetters);
        return new KeyedConnectedStreams<TKey, T1, T2>(keyed);
    }

    /// <summary>Runs a co-process function over both inputs (Flink's <c>connect(...).process(...)</c>).</summary>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="functionFactory">Creates the function; called once per subscription.</param>
    /// <param name="deadLetters">Where records whose function throws go; null to fail the stream instead.</param>
    public IObservable<StreamElement<TOut>> Process<TOut>(Func<CoProcessFunction<T1, T2, TOut>> functionFactory, DeadLetters? deadLetters = null)
    {
        ArgumentNullException.ThrowIfNull(functionFactory);
        return new ProcessOperator<JoinInput<T1, T2>, TOut>(
            Tagged(), () => new CoProcessAdapter<T1, T2, TOut>(ProcessFunctions.Create(functionFactory, "CoProcess")), deadLetters, "CoProcess");
    }

    internal IObservable<StreamElement<JoinInput<T1, T2>>> Tagged() =>
        First.Select(JoinInput<T1, T2>.OfLeft).Union(Second.Select(JoinInput<T1, T2>.OfRight));
}
