using System;
using System.Collections.Generic;
using RxStreams.Operators;

namespace RxStreams;

/// <summary>
/// Event-time versions of common Rx operators. On an event-time stream they win overload resolution over
/// <c>System.Reactive.Linq.Observable</c>'s, and work on the records: watermarks and other control elements pass
/// unchanged and are never counted, buffered or compared. An operator that ends the stream early (<c>Take</c>,
/// <c>TakeWhile</c>, <c>FirstAsync</c>, <c>Any</c>, <c>All</c>) ends it as a bounded source does, with <c>Wmax</c> then
/// completion, so windows and timers downstream fire. A result computed over the whole input (<c>Count</c>,
/// <c>Any</c> or <c>All</c> with no early answer) comes when the input ends — at <c>Wmax</c>, before it — stamped
/// <c>Watermark.MaxValue - 1</c>, a global window's last millisecond. Operators that hold state (all but <c>Do</c>)
/// are not checkpointed: a checkpointed job refuses them at start.
/// </summary>
public static class EventTimeRxExtensions
{
    /// <summary>The number of records, emitted once the input ends, stamped <c>Watermark.MaxValue - 1</c>.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    public static IObservable<StreamElement<int>> Count<T>(this IObservable<StreamElement<T>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Count<T, int>(source, null, static n => checked((int)n), "Count");
    }

    /// <summary>The number of records that satisfy <paramref name="predicate"/>, emitted once the input ends, stamped <c>Watermark.MaxValue - 1</c>.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="predicate">Which records count.</param>
    public static IObservable<StreamElement<int>> Count<T>(this IObservable<StreamElement<T>> source, Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(predicate);
        return new Count<T, int>(source, predicate, static n => checked((int)n), "Count");
    }

    /// <summary>The number of records as a <see cref="long"/>, emitted once the input ends, stamped <c>Watermark.MaxValue - 1</c>.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    public static IObservable<StreamElement<long>> LongCount<T>(this IObservable<StreamElement<T>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Count<T, long>(source, null, static n => n, "LongCount");
    }

    /// <summary>The number of records that satisfy <paramref name="predicate"/> as a <see cref="long"/>, emitted once the input ends.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="predicate">Which records count.</param>
    public static IObservable<StreamElement<long>> LongCount<T>(this IObservable<StreamElement<T>> source, Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(predicate);
        return new Count<T, long>(source, predicate, static n => n, "LongCount");
    }

    /// <summary>The first <paramref name="count"/> records, then <c>Wmax</c> and completion; control elements before them pass.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="count">How many records to pass; 0 ends the stream at once.</param>
    public static IObservable<StreamElement<T>> Take<T>(this IObservable<StreamElement<T>> source, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new Take<T>(source, count);
    }

    /// <summary>Drops the first <paramref name="count"/> records; control elements always pass.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="count">How many records to drop.</param>
    public static IObservable<StreamElement<T>> Skip<T>(this IObservable<StreamElement<T>> source, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new Skip<T>(source, count);
    }

    /// <summary>Passes records while they satisfy <paramref name="predicate"/>; at the first that does not, emits <c>Wmax</c> and completes.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="predicate">The condition to go on.</param>
    public static IObservable<StreamElement<T>> TakeWhile<T>(this IObservable<StreamElement<T>> source, Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(predicate);
        return new TakeWhile<T>(source, predicate);
    }

    /// <summary>Drops records while they satisfy <paramref name="predicate"/>, then passes every record; control elements always pass.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="predicate">The condition to keep dropping.</param>
    public static IObservable<StreamElement<T>> SkipWhile<T>(this IObservable<StreamElement<T>> source, Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(predicate);
        return new SkipWhile<T>(source, predicate);
    }

    /// <summary>Passes each record whose value was not seen before, with its timestamp; watermarks pass. Seen values are kept until the subscription ends.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    public static IObservable<StreamElement<T>> Distinct<T>(this IObservable<StreamElement<T>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Distinct<T, T>(source, static v => v, EqualityComparer<T>.Default);
    }

    /// <summary>Passes each record whose value was not seen before by <paramref name="comparer"/>; watermarks pass.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="comparer">How values compare.</param>
    public static IObservable<StreamElement<T>> Distinct<T>(this IObservable<StreamElement<T>> source, IEqualityComparer<T> comparer)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(comparer);
        return new Distinct<T, T>(source, static v => v, comparer);
    }

    /// <summary>Passes each record whose key was not seen before; watermarks pass.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="keySelector">A record's key.</param>
    public static IObservable<StreamElement<T>> Distinct<T, TKey>(this IObservable<StreamElement<T>> source, Func<T, TKey> keySelector)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(keySelector);
        return new Distinct<T, TKey>(source, keySelector, EqualityComparer<TKey>.Default);
    }

    /// <summary>Passes each record whose key was not seen before by <paramref name="comparer"/>; watermarks pass.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="keySelector">A record's key.</param>
    /// <param name="comparer">How keys compare.</param>
    public static IObservable<StreamElement<T>> Distinct<T, TKey>(this IObservable<StreamElement<T>> source, Func<T, TKey> keySelector, IEqualityComparer<TKey> comparer)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(keySelector);
        ArgumentNullException.ThrowIfNull(comparer);
        return new Distinct<T, TKey>(source, keySelector, comparer);
    }

    /// <summary>Passes each record whose value differs from the previous record's; watermarks pass and are not a change.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    public static IObservable<StreamElement<T>> DistinctUntilChanged<T>(this IObservable<StreamElement<T>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new DistinctUntilChanged<T, T>(source, static v => v, EqualityComparer<T>.Default);
    }

    /// <summary>Passes each record whose value differs, by <paramref name="comparer"/>, from the previous record's; watermarks pass.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="comparer">How values compare.</param>
    public static IObservable<StreamElement<T>> DistinctUntilChanged<T>(this IObservable<StreamElement<T>> source, IEqualityComparer<T> comparer)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(comparer);
        return new DistinctUntilChanged<T, T>(source, static v => v, comparer);
    }

    /// <summary>Passes each record whose key differs from the previous record's; watermarks pass.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="keySelector">A record's key.</param>
    public static IObservable<StreamElement<T>> DistinctUntilChanged<T, TKey>(this IObservable<StreamElement<T>> source, Func<T, TKey> keySelector)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(keySelector);
        return new DistinctUntilChanged<T, TKey>(source, keySelector, EqualityComparer<TKey>.Default);
    }

    /// <summary>Passes each record whose key differs, by <paramref name="comparer"/>, from the previous record's; watermarks pass.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="keySelector">A record's key.</param>
    /// <param name="comparer">How keys compare.</param>
    public static IObservable<StreamElement<T>> DistinctUntilChanged<T, TKey>(this IObservable<StreamElement<T>> source, Func<T, TKey> keySelector, IEqualityComparer<TKey> comparer)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(keySelector);
        ArgumentNullException.ThrowIfNull(comparer);
        return new DistinctUntilChanged<T, TKey>(source, keySelector, comparer);
    }

    /// <summary>Folds each record into an accumulator, starting from <paramref name="seed"/>, and emits it with the record's timestamp.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TAccumulate">The accumulator type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="seed">The accumulator before the first record.</param>
    /// <param name="accumulator">Folds a record into the accumulator.</param>
    public static IObservable<StreamElement<TAccumulate>> Scan<T, TAccumulate>(
        this IObservable<StreamElement<T>> source, TAccumulate seed, Func<TAccumulate, T, TAccumulate> accumulator)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(accumulator);
        return new Scan<T, TAccumulate>(source, seed, null, accumulator);
    }

    /// <summary>Folds each record into an accumulator, the first record being the first accumulator, and emits it with the record's timestamp.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="accumulator">Folds a record into the accumulator.</param>
    public static IObservable<StreamElement<T>> Scan<T>(this IObservable<StreamElement<T>> source, Func<T, T, T> accumulator)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(accumulator);
        return new Scan<T, T>(source, default!, static v => v, accumulator);
    }

    /// <summary>
    /// Groups records into lists of <paramref name="count"/>, each stamped with its last record's timestamp; the last,
    /// shorter list comes when the input ends. For groups by event time, use a count or tumbling window instead.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="count">Records per list.</param>
    public static IObservable<StreamElement<IList<T>>> Buffer<T>(this IObservable<StreamElement<T>> source, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return new Buffer<T>(source, count);
    }

    /// <summary>Runs <paramref name="onNext"/> for each record's value; every element passes on unchanged.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="onNext">The action for a record.</param>
    public static IObservable<StreamElement<T>> Do<T>(this IObservable<StreamElement<T>> source, Action<T> onNext)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(onNext);
        return new Do<T>(source, onNext, null);
    }

    /// <summary>Runs <paramref name="onNext"/> for each record's value and <paramref name="onCompleted"/> at completion; every element passes on unchanged.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="onNext">The action for a record.</param>
    /// <param name="onCompleted">The action at completion.</param>
    public static IObservable<StreamElement<T>> Do<T>(this IObservable<StreamElement<T>> source, Action<T> onNext, Action onCompleted)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(onNext);
        ArgumentNullException.ThrowIfNull(onCompleted);
        return new Do<T>(source, onNext, onCompleted);
    }

    /// <summary><c>true</c> at the first record (with its timestamp, then <c>Wmax</c>), or <c>false</c> once the input ends without one.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    public static IObservable<StreamElement<bool>> Any<T>(this IObservable<StreamElement<T>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Quantifier<T>(source, static _ => true, true, "Any");
    }

    /// <summary><c>true</c> at the first record that satisfies <paramref name="predicate"/> (then <c>Wmax</c>), or <c>false</c> once the input ends without one.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="predicate">The condition.</param>
    public static IObservable<StreamElement<bool>> Any<T>(this IObservable<StreamElement<T>> source, Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(predicate);
        return new Quantifier<T>(source, predicate, true, "Any");
    }

    /// <summary><c>false</c> at the first record that fails <paramref name="predicate"/> (then <c>Wmax</c>), or <c>true</c> once the input ends without one.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="predicate">The condition.</param>
    public static IObservable<StreamElement<bool>> All<T>(this IObservable<StreamElement<T>> source, Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(predicate);
        return new Quantifier<T>(source, predicate, false, "All");
    }

    /// <summary>The first record, then <c>Wmax</c> and completion; an <see cref="InvalidOperationException"/> when the input ends without one.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    public static IObservable<StreamElement<T>> FirstAsync<T>(this IObservable<StreamElement<T>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new FirstAsync<T>(source, null);
    }

    /// <summary>The first record that satisfies <paramref name="predicate"/>, then <c>Wmax</c> and completion; an <see cref="InvalidOperationException"/> when there is none.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="predicate">The condition.</param>
    public static IObservable<StreamElement<T>> FirstAsync<T>(this IObservable<StreamElement<T>> source, Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(predicate);
        return new FirstAsync<T>(source, predicate);
    }
}
