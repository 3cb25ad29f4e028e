namespace RxStreams.Interactive.Live;

/// <summary>One row of a live window table: the latest result of one window of one key.</summary>
/// <param name="Key">The key as text.</param>
/// <param name="Window">The window.</param>
/// <param name="Value">The latest result as text.</param>
/// <param name="RawValue">The latest result.</param>
/// <param name="Firing">How the latest result fired.</param>
/// <param name="FiringIndex">The latest result's firing index.</param>
/// <param name="Updates">How many results this window has emitted so far.</param>
/// <param name="Version">The table version at which the row last changed.</param>
public sealed record LiveWindowRow(string Key, TimeWindow Window, string Value, object? RawValue, WindowFiring Firing, int FiringIndex, int Updates, long Version);
