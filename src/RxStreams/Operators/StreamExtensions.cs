using System;
using System.Collections.Generic;
using RxStreams.Operators;

namespace RxStreams;

/// <summary>
/// Stateless operators on event-time streams. They keep each record's timestamp and forward watermarks and other
/// control elements unchanged, so LINQ query syntax (<c>from … where … select …</c>) works on event-time streams.
/// A failing user function fails the stream with a <see cref="StreamOperatorException"/> naming the operator, or, given
/// <see cref="DeadLetters"/>, sends the record there and goes on.
/// </summary>
public static class StreamExtensions
{
    /// <summary>Maps each record's value; the timestamp stays.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TResult">The mapped type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="selector">The mapping.</param>
    /// <param name="deadLetters">Where records go whose mapping throws.</param>
    public static IObservable<StreamElement<TResult>> Select<T, TResult>(
        this IObservable<StreamElement<T>> source, Func<T, TResult> selector, DeadLetters? deadLetters = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(selector);
        return source switch
        {
            IStatelessFusable<T> fusable => fusable.Select(selector, deadLetters),
            Where<T> filter => filter.Select(selector, deadLetters),
            _ => new Select<T, TResult>(source, selector, deadLetters),
        };
    }

    /// <summary>Keeps the records that satisfy <paramref name="predicate"/>.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="predicate">The condition.</param>
    /// <param name="deadLetters">Where records go whose predicate throws.</param>
    public static IObservable<StreamElement<T>> Where<T>(
        this IObservable<StreamElement<T>> source, Func<T, bool> predicate, DeadLetters? deadLetters = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(predicate);
        return source switch
        {
            IStatelessFusable<T> fusable => fusable.Where(predicate, deadLetters),
            ISelectFusable<T> mapping => mapping.Where(predicate, deadLetters),
            _ => new Where<T>(source, predicate, deadLetters),
        };
    }

    /// <summary>Maps each record to zero or more values, all with the record's timestamp (Flink's <c>flatMap</c>).</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TResult">The produced type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="selector">The values produced for a record.</param>
    /// <param name="deadLetters">Where records go whose selector throws.</param>
    public static IObservable<StreamElement<TResult>> SelectMany<T, TResult>(
        this IObservable<StreamElement<T>> source, Func<T, IEnumerable<TResult>> selector, DeadLetters? deadLetters = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(selector);
        return new SelectMany<T, TResult, TResult>(source, selector, static (_, item) => item, deadLetters);
    }

    /// <summary>Maps each record to a sequence and combines the record with each item; backs query syntax with two <c>from</c> clauses.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <typeparam name="TItem">The sequence's item type.</typeparam>
    /// <typeparam name="TResult">The produced type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="collectionSelector">The sequence for a record.</param>
    /// <param name="resultSelector">Combines the record and an item.</param>
    /// <param name="deadLetters">Where records go whose selectors throw.</param>
    public static IObservable<StreamElement<TResult>> SelectMany<T, TItem, TResult>(
        this IObservable<StreamElement<T>> source,
        Func<T, IEnumerable<TItem>> collectionSelector,
        Func<T, TItem, TResult> resultSelector,
        DeadLetters? deadLetters = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(collectionSelector);
        ArgumentNullException.ThrowIfNull(resultSelector);
        return new SelectMany<T, TItem, TResult>(source, collectionSelector, resultSelector, deadLetters);
    }

    /// <summary>
    /// Merges event-time streams (Flink's <c>union</c>). The output watermark is the minimum of the inputs' watermarks,
    /// never going back; an idle input does not hold it back; a completed input no longer does.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="first">The first stream.</param>
    /// <param name="others">The other streams.</param>
    public static IObservable<StreamElement<T>> Union<T>(this IObservable<StreamElement<T>> first, params IObservable<StreamElement<T>>[] others)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(others);
        var sources = new IObservable<StreamElement<T>>[others.Length + 1];
        sources[0] = first;
        for (var i = 0; i < others.Length; i++)
        {
            sources[i + 1] = others[i] ?? throw new ArgumentNullException(nameof(others), $"Stream {i} of {nameof(others)} is null.");
        }

        return new Union<T>(sources);
    }

    /// <summary>Merges two event-time streams; the same as <see cref="Union{T}"/>, named as in Rx.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="first">The first stream.</param>
    /// <param name="second">The second stream.</param>
    public static IObservable<StreamElement<T>> Merge<T>(this IObservable<StreamElement<T>> first, IObservable<StreamElement<T>> second)
    {
        ArgumentNullException.ThrowIfNull(second);
        return first.Union(second);
    }

    /// <summary>The record values, as a plain observable; control elements are left behind.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    public static IObservable<T> Values<T>(this IObservable<StreamElement<T>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Exit<T, T>(source, ElementKind.Record, static e => e.Value);
    }

    /// <summary>The records with their timestamps, as a plain observable.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    public static IObservable<Record<T>> Records<T>(this IObservable<StreamElement<T>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Exit<T, Record<T>>(source, ElementKind.Record, static e => new Record<T>(e.Value, e.Timestamp));
    }
}
