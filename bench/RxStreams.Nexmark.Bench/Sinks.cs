using System;
using System.Globalization;

namespace RxStreams.Nexmark.Bench;

/// <summary>An order-independent summary of a result stream: the number of results and the sum of their fingerprints.</summary>
public struct Checksum : IEquatable<Checksum>
{
    /// <summary>The number of results.</summary>
    public long Count;

    /// <summary>The wrapping sum of the results' fingerprints.</summary>
    public long Sum;

    /// <summary>Adds one result.</summary>
    /// <param name="fingerprint">The result's fingerprint.</param>
    public void Add(long fingerprint)
    {
        unchecked
        {
            Sum += fingerprint;
            Count++;
        }
    }

    /// <inheritdoc />
    public readonly bool Equals(Checksum other) => Count == other.Count && Sum == other.Sum;

    /// <inheritdoc />
    public override readonly bool Equals(object? obj) => obj is Checksum other && Equals(other);

    /// <inheritdoc />
    public override readonly int GetHashCode() => HashCode.Combine(Count, Sum);

    /// <summary>The count and the low 48 bits of the sum.</summary>
    public override readonly string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Sum & 0xFFFFFFFFFFFF:x12}");
}

/// <summary>Summarizes the records of an RxStreams result stream.</summary>
/// <typeparam name="T">The result type.</typeparam>
public sealed class StreamChecksum<T> : IBatchObserver<StreamElement<T>>
    where T : IFingerprint
{
    private Checksum _checksum;

    /// <summary>The summary so far.</summary>
    public Checksum Checksum => _checksum;

    /// <summary>Whether the stream completed.</summary>
    public bool Completed { get; private set; }

    /// <inheritdoc />
    public void OnNext(StreamElement<T> value)
    {
        if (value.Kind == ElementKind.Record)
        {
            _checksum.Add(value.Value.Fingerprint());
        }
    }

    /// <inheritdoc />
    public void OnNextBatch(ReadOnlySpan<StreamElement<T>> values)
    {
        foreach (ref readonly var value in values)
        {
            OnNext(value);
        }
    }

    /// <inheritdoc />
    public void OnError(Exception error) => throw new InvalidOperationException("The query failed.", error);

    /// <inheritdoc />
    public void OnCompleted() => Completed = true;
}

/// <summary>Summarizes a plain Rx.NET result stream.</summary>
/// <typeparam name="T">The result type.</typeparam>
public sealed class RxChecksum<T> : IObserver<T>
    where T : IFingerprint
{
    private Checksum _checksum;

    /// <summary>The summary so far.</summary>
    public Checksum Checksum => _checksum;

    /// <summary>Whether the stream completed.</summary>
    public bool Completed { get; private set; }

    /// <inheritdoc />
    public void OnNext(T value) => _checksum.Add(value.Fingerprint());

    /// <inheritdoc />
    public void OnError(Exception error) => throw new InvalidOperationException("The query failed.", error);

    /// <inheritdoc />
    public void OnCompleted() => Completed = true;
}

/// <summary>Summarizes the results of a hand-written loop; a struct, so the loop inlines it.</summary>
/// <typeparam name="T">The result type.</typeparam>
public struct LoopChecksum<T> : IResultSink<T>
    where T : IFingerprint
{
    /// <summary>The summary so far.</summary>
    public Checksum Checksum;

    /// <inheritdoc />
    public void Add(T result) => Checksum.Add(result.Fingerprint());
}
