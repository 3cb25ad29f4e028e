using System;
using System.Globalization;

namespace RxStreams;

/// <summary>
/// A user function or key/timestamp selector failed inside an operator. Names the operator and carries the record
/// it was processing; the original exception is <see cref="Exception.InnerException"/>.
/// </summary>
public class StreamOperatorException : Exception
{
    /// <summary>Creates the error for a record that failed in an operator.</summary>
    /// <param name="operatorName">The operator that failed.</param>
    /// <param name="record">The record being processed.</param>
    /// <param name="timestamp">The record's timestamp, when it had one.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The exception thrown by user code, if any.</param>
    public StreamOperatorException(string operatorName, object? record, long? timestamp, string message, Exception? innerException)
        : base(Describe(operatorName, record, timestamp, message), innerException)
    {
        Operator = operatorName;
        Record = record;
        Timestamp = timestamp;
    }

    /// <summary>The operator that failed, for example <c>Select</c> or <c>WithEventTime</c>.</summary>
    public string Operator { get; }

    /// <summary>The record being processed when the failure happened.</summary>
    public object? Record { get; }

    /// <summary>The record's event timestamp, or null when it had none yet (a failing timestamp selector).</summary>
    public long? Timestamp { get; }

    private static string Describe(string op, object? record, long? timestamp, string message) =>
        (record, timestamp) switch
        {
            (null, null) => $"{op} failed: {message}",
            (null, { } ts) => string.Create(CultureInfo.InvariantCulture, $"{op} failed on a null record at timestamp {ts}: {message}"),
            (_, { } ts) => string.Create(CultureInfo.InvariantCulture, $"{op} failed on record '{record}' at timestamp {ts}: {message}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{op} failed on record '{record}': {message}"),
        };
}

/// <summary>A key selector returned null; keyed state cannot hold a null key.</summary>
public sealed class NullKeyException : StreamOperatorException
{
    /// <summary>Creates the error for a record whose key is null.</summary>
    /// <param name="operatorName">The keyed operator.</param>
    /// <param name="record">The record.</param>
    /// <param name="timestamp">Its timestamp.</param>
    public NullKeyException(string operatorName, object? record, long timestamp)
        : base(operatorName, record, timestamp, "the key selector returned null.", null)
    {
    }
}
