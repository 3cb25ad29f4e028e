using System;
using System.Collections.Generic;
using System.Numerics;
using RxStreams.Keyed;
using RxStreams.Keyed.Aggregates;

namespace RxStreams;

/// <summary>
/// Keying a stream, and rolling aggregations per key: each record updates its key's state and emits the key's new
/// result, with the record's timestamp; watermarks pass unchanged. A null key or a throwing function fails the stream
/// with a <see cref="StreamOperatorException"/> (a <see cref="NullKeyException"/> for a null key), or goes to the
/// <see cref="DeadLetters"/> given to <see cref="KeyBy{T, TKey}"/>.
/// </summary>
public static class KeyedExtensions
{
    /// <summary>Partitions the stream logically by key (Flink's <c>keyBy</c>).</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="keySelector">Extracts a record's key; it must not return null.</param>
    /// <param name="comparer">How keys compare; the default comparer when null.</param>
    /// <param name="deadLetters">Where keyed operators send records whose key or function fails.</param>
    public static KeyedStream<TKey, T> KeyBy<T, TKey>(
        this IObservable<StreamElement<T>> source,
        Func<T, TKey> keySelector,
        IEqualityComparer<TKey>? comparer = null,
        DeadLetters? deadLetters = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(keySelector);
        return new KeyedStream<TKey, T>(source, keySelector, comparer, deadLetters);
    }

    /// <summary>
    /// <see cref="KeyBy{T, TKey}"/> under the name LINQ query syntax uses, so <c>from r in readings group r by r.Sensor</c>
    /// gives a keyed stream, ready for <c>.Window(...)</c> or a rolling aggregation.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="keySelector">Extracts a record's key; it must not return null.</param>
    public static KeyedStream<TKey, T> GroupBy<T, TKey>(this IObservable<StreamElement<T>> source, Func<T, TKey> keySelector)
        where TKey : notnull =>
        source.KeyBy(keySelector);

    /// <summary>
    /// Rolling sum of a numeric field per key, in the field's own type. Overflow is checked (for integers and
    /// <see cref="decimal"/>): it fails the stream with a <see cref="StreamOperatorException"/> naming <c>Sum</c>, whose
    /// inner exception is the <see cref="OverflowException"/> (or sends the record to the dead letters, leaving the key's
    /// sum unchanged). Floating-point sums follow IEEE rules (infinity).
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TNumber">The number type.</typeparam>
    /// <param name="source">The keyed stream.</param>
    /// <param name="selector">The field to sum.</param>
    public static IObservable<StreamElement<Keyed<TKey, TNumber>>> Sum<TKey, T, TNumber>(this KeyedStream<TKey, T> source, Func<T, TNumber> selector)
        where TKey : notnull
        where TNumber : INumber<TNumber>
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Rolling<TKey, T, TNumber, TNumber, SumFunction<T, TNumber>>(source, new(selector), "Sum");
    }

    /// <summary>Rolling count of records per key.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The keyed stream.</param>
    public static IObservable<StreamElement<Keyed<TKey, long>>> Count<TKey, T>(this KeyedStream<TKey, T> source)
        where TKey : notnull =>
        Rolling<TKey, T, long, long, CountFunction<T>>(source, default, "Count");

    /// <summary>
    /// Rolling arithmetic mean of a numeric field per key. As with <c>Enumerable.Average</c>, sums of integers never
    /// overflow (they are kept in a <see cref="long"/>, or an <see cref="Int128"/> for 64-bit integers).
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TNumber">The number type.</typeparam>
    /// <param name="source">The keyed stream.</param>
    /// <param name="selector">The field to average.</param>
    public static IObservable<StreamElement<Keyed<TKey, double>>> Average<TKey, T, TNumber>(this KeyedStream<TKey, T> source, Func<T, TNumber> selector)
        where TKey : notnull
        where TNumber : INumber<TNumber>
    {
        ArgumentNullException.ThrowIfNull(selector);
        return AverageSum.Build<TNumber, IObservable<StreamElement<Keyed<TKey, double>>>>(new RollingAverage<TKey, T, TNumber>(source, selector));
    }

    /// <summary>Rolling minimum of a field per key (Flink's <c>min</c>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TValue">The field type.</typeparam>
    /// <param name="source">The keyed stream.</param>
    /// <param name="selector">The field.</param>
    /// <param name="comparer">How values order; the default comparer when null.</param>
    public static IObservable<StreamElement<Keyed<TKey, TValue>>> Min<TKey, T, TValue>(this KeyedStream<TKey, T> source, Func<T, TValue> selector, IComparer<TValue>? comparer = null)
        where TKey : notnull =>
        Rolling<TKey, T, ExtremumAccumulator<T, TValue>, TValue, ExtremumValueFunction<T, TValue>>(source, new(Extremum(selector, false, comparer)), "Min");

    /// <summary>Rolling maximum of a field per key (Flink's <c>max</c>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TValue">The field type.</typeparam>
    /// <param name="source">The keyed stream.</param>
    /// <param name="selector">The field.</param>
    /// <param name="comparer">How values order; the default comparer when null.</param>
    public static IObservable<StreamElement<Keyed<TKey, TValue>>> Max<TKey, T, TValue>(this KeyedStream<TKey, T> source, Func<T, TValue> selector, IComparer<TValue>? comparer = null)
        where TKey : notnull =>
        Rolling<TKey, T, ExtremumAccumulator<T, TValue>, TValue, ExtremumValueFunction<T, TValue>>(source, new(Extremum(selector, true, comparer)), "Max");

    /// <summary>The record with the smallest field value so far per key; on ties the earlier record stays (Flink's <c>minBy</c>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TValue">The field type.</typeparam>
    /// <param name="source">The keyed stream.</param>
    /// <param name="selector">The field.</param>
    /// <param name="comparer">How values order; the default comparer when null.</param>
    public static IObservable<StreamElement<Keyed<TKey, T>>> MinBy<TKey, T, TValue>(this KeyedStream<TKey, T> source, Func<T, TValue> selector, IComparer<TValue>? comparer = null)
        where TKey : notnull =>
        Rolling<TKey, T, ExtremumAccumulator<T, TValue>, T, ExtremumRecordFunction<T, TValue>>(source, new(Extremum(selector, false, comparer)), "MinBy");

    /// <summary>The record with the largest field value so far per key; on ties the earlier record stays (Flink's <c>maxBy</c>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TValue">The field type.</typeparam>
    /// <param name="source">The keyed stream.</param>
    /// <param name="selector">The field.</param>
    /// <param name="comparer">How values order; the default comparer when null.</param>
    public static IObservable<StreamElement<Keyed<TKey, T>>> MaxBy<TKey, T, TValue>(this KeyedStream<TKey, T> source, Func<T, TValue> selector, IComparer<TValue>? comparer = null)
        where TKey : notnull =>
        Rolling<TKey, T, ExtremumAccumulator<T, TValue>, T, ExtremumRecordFunction<T, TValue>>(source, new(Extremum(selector, true, comparer)), "MaxBy");

    /// <summary>Rolling fold per key from <paramref name="seed"/> (Rx's <c>Scan</c> per key). Each key starts from the same seed value, so use an immutable seed.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TAccumulate">The running state.</typeparam>
    /// <param name="source">The keyed stream.</param>
    /// <param name="seed">The state of a new key.</param>
    /// <param name="accumulate">The next state from the state and a record.</param>
    public static IObservable<StreamElement<Keyed<TKey, TAccumulate>>> Aggregate<TKey, T, TAccumulate>(this KeyedStream<TKey, T> source, TAccumulate seed, Func<TAccumulate, T, TAccumulate> accumulate)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(accumulate);
        return Rolling<TKey, T, TAccumulate, TAccumulate, FoldFunction<T, TAccumulate>>(source, new(seed, accumulate), "Aggregate");
    }

    /// <summary>Rolling aggregation per key with a user-defined <see cref="IAggregateFunction{T, TAccumulator, TResult}"/>.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TAccumulator">The running state.</typeparam>
    /// <typeparam name="TResult">The emitted result.</typeparam>
    /// <param name="source">The keyed stream.</param>
    /// <param name="function">The aggregation.</param>
    public static IObservable<StreamElement<Keyed<TKey, TResult>>> Aggregate<TKey, T, TAccumulator, TResult>(this KeyedStream<TKey, T> source, IAggregateFunction<T, TAccumulator, TResult> function)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(function);
        return Rolling<TKey, T, TAccumulator, TResult, IAggregateFunction<T, TAccumulator, TResult>>(source, function, "Aggregate");
    }

    /// <summary>Rolling reduce per key (Flink's <c>reduce</c>): the first record of a key is its first result, then <c>reduce(previous, record)</c>.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The keyed stream.</param>
    /// <param name="reduce">Combines the previous result with a record.</param>
    public static IObservable<StreamElement<Keyed<TKey, T>>> Reduce<TKey, T>(this KeyedStream<TKey, T> source, Func<T, T, T> reduce)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(reduce);
        return Rolling<TKey, T, ReduceAccumulator<T>, T, ReduceFunction<T>>(source, new(reduce), "Reduce");
    }

    private static ExtremumFunction<T, TValue> Extremum<T, TValue>(Func<T, TValue> selector, bool maximum, IComparer<TValue>? comparer)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return new(selector, maximum, comparer ?? Comparer<TValue>.Default);
    }

    private static RollingAggregate<TKey, T, TAcc, TResult, TFunction> Rolling<TKey, T, TAcc, TResult, TFunction>(KeyedStream<TKey, T> source, TFunction function, string name)
        where TKey : notnull
        where TFunction : IAggregateFunction<T, TAcc, TResult>
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(source, function, name);
    }

    private sealed class RollingAverage<TKey, T, TNumber>(KeyedStream<TKey, T> source, Func<T, TNumber> selector)
        : IAverageBuilder<IObservable<StreamElement<Keyed<TKey, double>>>>
        where TKey : notnull
        where TNumber : INumber<TNumber>
    {
        public IObservable<StreamElement<Keyed<TKey, double>>> Build<TSum>()
            where TSum : INumber<TSum> =>
            Rolling<TKey, T, AverageAccumulator<TSum>, double, AverageFunction<T, TNumber, TSum>>(source, new(selector), "Average");
    }
}
