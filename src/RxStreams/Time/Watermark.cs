namespace RxStreams;

/// <summary>
/// Watermark constants. RxStreams uses the exclusive convention: watermark <c>t</c> means no record with a timestamp
/// below <c>t</c> is expected. Flink's watermark is inclusive (<c>t</c> means none at or below <c>t</c>), so an
/// RxStreams watermark is Flink's plus one; windows fire and records count as late at exactly the same points.
/// </summary>
public static class Watermark
{
    /// <summary>The watermark before any has been emitted.</summary>
    public const long MinValue = long.MinValue;

    /// <summary>The end of event time, emitted when a bounded input completes; it fires every pending event-time timer.</summary>
    public const long MaxValue = long.MaxValue;
}
