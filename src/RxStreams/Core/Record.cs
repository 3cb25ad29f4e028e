using System.Globalization;

namespace RxStreams;

/// <summary>A record value with its event timestamp, as returned by <c>Records()</c>.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Value">The record.</param>
/// <param name="Timestamp">Its event time in milliseconds since the Unix epoch.</param>
public readonly record struct Record<T>(T Value, long Timestamp)
{
    /// <summary>The compact form <c>value@timestamp</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Value}@{Timestamp}");
}
