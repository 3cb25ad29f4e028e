using System;
using System.Globalization;

namespace RxStreams;

/// <summary>
/// One element of an event-time stream: a record with its event timestamp, or an in-band control element
/// (watermark, idle/active status, checkpoint barrier). An event-time stream is a plain
/// <c>IObservable&lt;StreamElement&lt;T&gt;&gt;</c>, so it works with <c>Subject</c>, <c>Publish</c> and <c>TestScheduler</c>.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public readonly struct StreamElement<T> : IEquatable<StreamElement<T>>
{
    private readonly T _value;

    internal StreamElement(ElementKind kind, long timestamp, T value)
    {
        Kind = kind;
        Timestamp = timestamp;
        _value = value;
    }

    /// <summary>What this element carries.</summary>
    public ElementKind Kind { get; }

    /// <summary>The record's event time, the watermark's time, or the barrier's checkpoint id, in milliseconds since the Unix epoch for times.</summary>
    public long Timestamp { get; }

    /// <summary>The record; <c>default</c> for control elements.</summary>
    public T Value => _value;

    /// <summary>True when this element is a record.</summary>
    public bool IsRecord => Kind == ElementKind.Record;

    /// <summary>True when this element is a watermark.</summary>
    public bool IsWatermark => Kind == ElementKind.Watermark;

    /// <summary>The same control element typed for another record type. Throws for a record.</summary>
    /// <typeparam name="TOther">The record type of the target stream.</typeparam>
    public StreamElement<TOther> AsControl<TOther>()
    {
        if (Kind == ElementKind.Record)
        {
            throw new InvalidOperationException("A record cannot be retyped as a control element.");
        }

        return new StreamElement<TOther>(Kind, Timestamp, default!);
    }

    /// <summary>A record with the same timestamp and another value.</summary>
    /// <typeparam name="TOther">The new record type.</typeparam>
    /// <param name="value">The new value.</param>
    public StreamElement<TOther> WithValue<TOther>(TOther value) => new(ElementKind.Record, Timestamp, value);

    /// <inheritdoc />
    public bool Equals(StreamElement<T> other) =>
        Kind == other.Kind && Timestamp == other.Timestamp &&
        System.Collections.Generic.EqualityComparer<T>.Default.Equals(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StreamElement<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Timestamp, _value);

    /// <summary>Equality of kind, timestamp and value.</summary>
    public static bool operator ==(StreamElement<T> left, StreamElement<T> right) => left.Equals(right);

    /// <summary>Inequality of kind, timestamp or value.</summary>
    public static bool operator !=(StreamElement<T> left, StreamElement<T> right) => !left.Equals(right);

    /// <summary>
    /// The compact form used by <see cref="RxStreams.Testing.StreamDescription"/>: <c>value@timestamp</c> for a record,
    /// <c>W5</c> for a watermark (<c>Wmax</c>/<c>Wmin</c> at the ends of time), <c>Idle</c>, <c>Active</c>, <c>B7</c> for checkpoint barrier 7,
    /// <c>L100</c> for a latency marker emitted at tick 100.
    /// </summary>
    public override string ToString() => Kind switch
    {
        ElementKind.Record => string.Create(CultureInfo.InvariantCulture, $"{_value}@{Timestamp}"),
        ElementKind.Watermark => Timestamp == long.MaxValue ? "Wmax"
            : Timestamp == long.MinValue ? "Wmin"
            : "W" + Timestamp.ToString(CultureInfo.InvariantCulture),
        ElementKind.Idle => "Idle",
        ElementKind.Active => "Active",
        ElementKind.Barrier => "B" + Timestamp.ToString(CultureInfo.InvariantCulture),
        ElementKind.LatencyMarker => "L" + Timestamp.ToString(CultureInfo.InvariantCulture),
        _ => Kind.ToString(),
    };
}

/// <summary>Factories for <see cref="StreamElement{T}"/>.</summary>
public static class StreamElement
{
    /// <summary>A record with its event timestamp (milliseconds since the Unix epoch).</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="value">The record.</param>
    /// <param name="timestamp">Its event time.</param>
    public static StreamElement<T> Record<T>(T value, long timestamp) => new(ElementKind.Record, timestamp, value);

    /// <summary>A watermark: no record with a timestamp below <paramref name="timestamp"/> is expected any more.</summary>
    /// <typeparam name="T">The record type of the stream.</typeparam>
    /// <param name="timestamp">The watermark's event time.</param>
    public static StreamElement<T> Watermark<T>(long timestamp) => new(ElementKind.Watermark, timestamp, default!);

    /// <summary>The idle status element.</summary>
    /// <typeparam name="T">The record type of the stream.</typeparam>
    public static StreamElement<T> Idle<T>() => new(ElementKind.Idle, 0, default!);

    /// <summary>The active status element.</summary>
    /// <typeparam name="T">The record type of the stream.</typeparam>
    public static StreamElement<T> Active<T>() => new(ElementKind.Active, 0, default!);

    /// <summary>A checkpoint barrier.</summary>
    /// <typeparam name="T">The record type of the stream.</typeparam>
    /// <param name="checkpointId">The checkpoint it belongs to.</param>
    public static StreamElement<T> Barrier<T>(long checkpointId) => new(ElementKind.Barrier, checkpointId, default!);

    /// <summary>A latency marker emitted at processing time <paramref name="emittedTicks"/>.</summary>
    /// <typeparam name="T">The record type of the stream.</typeparam>
    /// <param name="emittedTicks">When the source emitted it, in <see cref="System.DateTimeOffset.UtcTicks"/>.</param>
    public static StreamElement<T> LatencyMarker<T>(long emittedTicks) => new(ElementKind.LatencyMarker, emittedTicks, default!);
}
