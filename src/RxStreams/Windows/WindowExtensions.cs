using System;
using System.Reactive;

namespace RxStreams;

/// <summary>Cutting streams into windows: keyed (<c>Window</c>, <c>CountWindow</c>) and non-keyed (<c>WindowAll</c>, <c>CountWindowAll</c>).</summary>
public static class WindowExtensions
{
    /// <summary>Windows per key, assigned by <paramref name="assigner"/>.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The keyed stream.</param>
    /// <param name="assigner">Which windows a record belongs to, for example <see cref="TumblingEventTimeWindows.Of"/>.</param>
    public static WindowedStream<TKey, T> Window<TKey, T>(this KeyedStream<TKey, T> source, WindowAssigner assigner)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(assigner);
        return new WindowedStream<TKey, T>(source, assigner);
    }

    /// <summary>Windows over the whole stream (Flink's <c>windowAll</c>); results carry the key <see cref="Unit.Default"/>.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="assigner">Which windows a record belongs to.</param>
    public static WindowedStream<Unit, T> WindowAll<T>(this IObservable<StreamElement<T>> source, WindowAssigner assigner) =>
        source.KeyBy(static _ => Unit.Default).Window(assigner);

    /// <summary>Tumbling count windows per key: every <paramref name="size"/> records of a key form a window, emitted and purged.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The keyed stream.</param>
    /// <param name="size">Records per window; at least 1.</param>
    public static WindowedStream<TKey, T> CountWindow<TKey, T>(this KeyedStream<TKey, T> source, long size)
        where TKey : notnull =>
        source.Window(GlobalWindows.Create()).Trigger(WindowTrigger.Count(size).Purging());

    /// <summary>Sliding count windows per key: every <paramref name="slide"/> records, a result over the last <paramref name="size"/> records of the key.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The keyed stream.</param>
    /// <param name="size">Records per window; at least 1.</param>
    /// <param name="slide">Records between results; at least 1.</param>
    public static WindowedStream<TKey, T> CountWindow<TKey, T>(this KeyedStream<TKey, T> source, int size, long slide)
        where TKey : notnull =>
        source.Window(GlobalWindows.Create()).Evictor(WindowEvictor.KeepLast(size)).Trigger(WindowTrigger.Count(slide));

    /// <summary>Tumbling count windows over the whole stream.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="size">Records per window; at least 1.</param>
    public static WindowedStream<Unit, T> CountWindowAll<T>(this IObservable<StreamElement<T>> source, long size) =>
        source.KeyBy(static _ => Unit.Default).CountWindow(size);
}
