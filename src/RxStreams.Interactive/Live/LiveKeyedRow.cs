namespace RxStreams.Interactive.Live;

/// <summary>One row of a live table of rolling results: the latest result of one key.</summary>
/// <param name="Key">The key as text.</param>
/// <param name="Value">The latest result as text.</param>
/// <param name="RawValue">The latest result.</param>
/// <param name="Timestamp">The event time of the record that carried the latest result.</param>
/// <param name="Updates">How many results this key has emitted so far.</param>
/// <param name="Version">The table version at which the row last changed.</param>
public sealed record LiveKeyedRow(string Key, string Value, object? RawValue, long Timestamp, int Updates, long Version);
