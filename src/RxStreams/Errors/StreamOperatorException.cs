using System;
using System.Globalization;
using System.Text;

namespace RxStreams;

/// <summary>
/// A user function, trigger or key/timestamp selector failed inside an operator. Names the operator the user wrote and
/// carries the record it was processing, and in keyed and window operators the key and window; the original exception
/// is <see cref="Exception.InnerException"/>.
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
        : this(operatorName, record, timestamp, null, null, message, innerException)
    {
    }

    /// <summary>Creates the error for a failure in a keyed or window operator, naming the key and window.</summary>
    /// <param name="operatorName">The operator that failed.</param>
    /// <param name="record">The record being processed; null for a failure of a whole window (its function or a timer).</param>
    /// <param name="timestamp">The record's timestamp, or for a whole window its last timestamp (<see cref="TimeWindow.MaxTimestamp"/>).</param>
    /// <param name="key">The record's or window's key, when known.</param>
    /// <param name="window">The window, when the failure belongs to one.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The exception thrown by user code, if any.</param>
    public StreamOperatorException(string operatorName, object? record, long? timestamp, object? key, TimeWindow? window, string message, Exception? innerException)
        : base(Describe(operatorName, record, timestamp, key, window, message), innerException)
    {
        Operator = operatorName;
        Record = record;
        Timestamp = timestamp;
        Key = key;
        Window = window;
    }

    /// <summary>The operator that failed, for example <c>Select</c>, <c>KeyBy</c> (its key selector) or <c>Trigger</c>.</summary>
    public string Operator { get; }

    /// <summary>The record being processed when the failure happened; null when a whole window failed.</summary>
    public object? Record { get; }

    /// <summary>The record's event timestamp, or null when it had none yet (a failing timestamp selector).</summary>
    public long? Timestamp { get; }

    /// <summary>The key of the record or window, in keyed and window operators once the key is known; otherwise null.</summary>
    public object? Key { get; }

    /// <summary>The window the failure belongs to, in window operators; otherwise null.</summary>
    public TimeWindow? Window { get; }

    /// <summary>The one-line description used as the message: operator, record, key, window, timestamp, then what went wrong.</summary>
    internal static string Describe(string op, object? record, long? timestamp, object? key, TimeWindow? window, string message)
    {
        var text = new StringBuilder(op).Append(" failed");
        if (record is not null)
        {
            text.Append(" on record '").Append(Convert.ToString(record, CultureInfo.InvariantCulture)).Append('\'');
        }
        else if (timestamp is not null && key is null && window is null)
        {
            text.Append(" on a null record");
        }

        if (key is not null)
        {
            text.Append(" for key '").Append(Convert.ToString(key, CultureInfo.InvariantCulture)).Append('\'');
        }

        if (window is { } w)
        {
            text.Append(" in window ").Append(w.ToString());
        }

        if (timestamp is { } ts)
        {
            text.Append(" at timestamp ").Append(ts.ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(": ").Append(message).ToString();
    }
}

/// <summary>A key selector returned null; keyed state cannot hold a null key.</summary>
public sealed class NullKeyException : StreamOperatorException
{
    /// <summary>Creates the error for a record whose key is null.</summary>
    /// <param name="operatorName">The operator whose key selector it was (<c>KeyBy</c>, <c>PartitionByKey</c>).</param>
    /// <param name="record">The record.</param>
    /// <param name="timestamp">Its timestamp.</param>
    public NullKeyException(string operatorName, object? record, long timestamp)
        : base(operatorName, record, timestamp, "the key selector returned null.", null)
    {
    }

    /// <summary>Creates the error for a record whose key, for the keyed operator <paramref name="keyedOperator"/>, is null.</summary>
    /// <param name="operatorName">The operator whose key selector it was, <c>KeyBy</c>.</param>
    /// <param name="record">The record.</param>
    /// <param name="timestamp">Its timestamp.</param>
    /// <param name="keyedOperator">The keyed operator that needed the key, for example <c>WindowCount</c>.</param>
    public NullKeyException(string operatorName, object? record, long timestamp, string keyedOperator)
        : base(operatorName, record, timestamp, $"the key selector of {keyedOperator} returned null.", null)
    {
    }
}
