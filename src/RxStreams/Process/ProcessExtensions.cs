using System;
using System.Reactive.Concurrency;
using RxStreams.Processing;

namespace RxStreams;

/// <summary>
/// Process functions, the lowest-level operators (Flink's <c>process</c>): user code sees each record with its
/// timestamp and the watermark, emits zero or more results, and on a keyed stream keeps state and timers per key.
/// A throwing function fails the stream with a <see cref="StreamOperatorException"/>, or sends the record to the
/// stream's <see cref="DeadLetters"/> (results it emitted and state it changed before throwing stand).
/// </summary>
public static class ProcessExtensions
{
    /// <summary>
    /// Runs a keyed process function with state and timers per key (Flink's <c>keyBy(...).process(...)</c>).
    /// Event-time timers fire as the watermark passes them, before the watermark is forwarded; at the end of a bounded
    /// input every event-time timer fires. Processing-time timers and processing-time state TTL need
    /// <paramref name="scheduler"/>, which also lets a <c>TestScheduler</c> drive them in virtual time.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="source">The keyed stream.</param>
    /// <param name="functionFactory">Creates the function; called once per subscription, so every subscription has its own state.</param>
    /// <param name="scheduler">The processing-time clock; null when the function uses none.</param>
    public static IObservable<StreamElement<TOut>> Process<TKey, TIn, TOut>(
        this KeyedStream<TKey, TIn> source,
        Func<KeyedProcessFunction<TKey, TIn, TOut>> functionFactory,
        IScheduler? scheduler = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(functionFactory);
        return new KeyedProcessOperator<TKey, TIn, TOut>(source, functionFactory, scheduler, "Process");
    }

    /// <summary>
    /// Runs a process function over every record of a stream that is not keyed (Flink's <c>process</c> without
    /// <c>keyBy</c>). Control elements pass unchanged.
    /// </summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="functionFactory">Creates the function; called once per subscription.</param>
    /// <param name="deadLetters">Where records whose function throws go; null to fail the stream instead.</param>
    public static IObservable<StreamElement<TOut>> Process<TIn, TOut>(
        this IObservable<StreamElement<TIn>> source,
        Func<ProcessFunction<TIn, TOut>> functionFactory,
        DeadLetters? deadLetters = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(functionFactory);
        return new ProcessOperator<TIn, TOut>(source, functionFactory, deadLetters, "Process");
    }

    /// <summary>Connects two streams of different types for one co-process function (Flink's <c>connect</c>).</summary>
    /// <typeparam name="T1">The first input's type.</typeparam>
    /// <typeparam name="T2">The second input's type.</typeparam>
    /// <param name="first">The first input.</param>
    /// <param name="second">The second input.</param>
    public static ConnectedStreams<T1, T2> Connect<T1, T2>(this IObservable<StreamElement<T1>> first, IObservable<StreamElement<T2>> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return new ConnectedStreams<T1, T2>(first, second);
    }
}
