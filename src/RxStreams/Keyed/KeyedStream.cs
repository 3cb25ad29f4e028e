using System;
using System.Collections.Generic;

namespace RxStreams;

/// <summary>
/// An event-time stream logically partitioned by key (Flink's <c>KeyedStream</c>). Keyed operators on it
/// (rolling aggregations, and later windows and keyed state) keep their state per key. It is still an event-time
/// stream: stateless operators apply and return an unkeyed stream.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="T">The record type.</typeparam>
public sealed class KeyedStream<TKey, T> : IObservable<StreamElement<T>>
    where TKey : notnull
{
    internal KeyedStream(IObservable<StreamElement<T>> source, Func<T, TKey> keySelector, IEqualityComparer<TKey>? comparer, DeadLetters? deadLetters)
    {
        Source = source;
        KeySelector = keySelector;
        Comparer = comparer ?? EqualityComparer<TKey>.Default;
        DeadLetters = deadLetters;
    }

    /// <summary>The stream before keying.</summary>
    public IObservable<StreamElement<T>> Source { get; }

    /// <summary>Extracts a record's key.</summary>
    public Func<T, TKey> KeySelector { get; }

    /// <summary>How keys compare.</summary>
    public IEqualityComparer<TKey> Comparer { get; }

    /// <summary>The comparer given to KeyBy, or null when keys use their type's default equality.</summary>
    internal object? CustomComparer => ReferenceEquals(Comparer, EqualityComparer<TKey>.Default) ? null : Comparer;

    /// <summary>Where keyed operators send records whose key or function fails; null to fail the stream instead.</summary>
    public DeadLetters? DeadLetters { get; }

    /// <inheritdoc />
    public IDisposable Subscribe(IObserver<StreamElement<T>> observer) => Source.Subscribe(observer);
}
