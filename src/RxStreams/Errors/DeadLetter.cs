using System;

namespace RxStreams;

/// <summary>A record that an operator could not process, with the operator's name and the error.</summary>
/// <param name="Operator">The operator that failed, for example <c>Select</c>.</param>
/// <param name="Record">The original record.</param>
/// <param name="Timestamp">The record's event time, or null when its timestamp could not be extracted.</param>
/// <param name="Error">What went wrong.</param>
public sealed record DeadLetter(string Operator, object? Record, long? Timestamp, Exception Error);

/// <summary>
/// The side output for records that failed in an operator. Pass it to an operator to keep the stream running past
/// bad records instead of failing it with a <see cref="StreamOperatorException"/>.
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
