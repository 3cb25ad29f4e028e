using System;

namespace RxStreams;

/// <summary>
/// A record that an operator could not process, with the operator's name and the error. In keyed and window operators
/// it also names the key and the window. When a whole window fails (its function, its trigger's timer, a session merge),
/// each of the window's buffered records becomes a dead letter of its own; a window that keeps only an accumulator
/// (an aggregation) becomes one dead letter with <see cref="Record"/> null and the <see cref="Accumulator"/>.
/// </summary>
/// <param name="Operator">The operator that failed, for example <c>Select</c>.</param>
/// <param name="Record">The original record; null for the dead letter of an aggregated window.</param>
/// <param name="Timestamp">The record's event time, the window's last timestamp for an aggregated window, or null when the record's timestamp could not be extracted.</param>
/// <param name="Error">What went wrong.</param>
public sealed record DeadLetter(string Operator, object? Record, long? Timestamp, Exception Error)
{
    /// <summary>The key of the record or window, in keyed and window operators once the key is known; otherwise null.</summary>
    public object? Key { get; init; }

    /// <summary>The window the record was in, or the window that failed, in window operators; otherwise null.</summary>
    public TimeWindow? Window { get; init; }

    /// <summary>
    /// The accumulator of an aggregated window that failed as a whole (it keeps no records), as it was before the
    /// failing call; null otherwise. A reference-type accumulator is handed over as is, not copied.
    /// </summary>
    public object? Accumulator { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        StreamOperatorException.Describe(Operator, Record, Timestamp, Key, Window, Error.Message)
        + (Accumulator is null ? string.Empty : $" (accumulator {Accumulator})");
}

/// <summary>
/// The side output for records that failed in an operator. Pass it to an operator to keep the stream running past
/// bad records instead of failing it with a <see cref="StreamOperatorException"/>. One instance may be shared by
/// several operators and by the tasks of a parallel pipeline: its subscribers get one dead letter at a time.
/// </summary>
public sealed class DeadLetters : SideOutput<DeadLetter>
{
    /// <summary>Creates a dead-letter output.</summary>
    /// <param name="name">A name for diagnostics.</param>
    public DeadLetters(string name = "dead-letters")
        : base(name)
    {
    }
}
