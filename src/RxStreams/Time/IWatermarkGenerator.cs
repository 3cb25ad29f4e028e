namespace RxStreams;

/// <summary>Where a <see cref="IWatermarkGenerator{T}"/> sends what it decides.</summary>
public interface IWatermarkOutput
{
    /// <summary>Emits a watermark. One that is not above the last emitted watermark is ignored, so watermarks stay monotonic.</summary>
    /// <param name="watermark">No record below this timestamp is expected any more.</param>
    void EmitWatermark(long watermark);

    /// <summary>Marks the stream idle: it stops holding back the watermark downstream until its next record or watermark.</summary>
    void MarkIdle();

    /// <summary>Marks the stream active again.</summary>
    void MarkActive();
}

/// <summary>
/// Decides watermarks from the records of one stream, like Flink's <c>WatermarkGenerator</c>. One instance serves one
/// subscription; it is called serially.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public interface IWatermarkGenerator<in T>
{
    /// <summary>Called for every record, after the record has been emitted downstream.</summary>
    /// <param name="value">The record.</param>
    /// <param name="timestamp">Its event time.</param>
    /// <param name="output">Where to emit a watermark (punctuated generators do it here).</param>
    void OnEvent(T value, long timestamp, IWatermarkOutput output);

    /// <summary>Called after every record when no periodic interval is set, else on each tick of the periodic interval.</summary>
    /// <param name="output">Where to emit a watermark.</param>
    void OnPeriodicEmit(IWatermarkOutput output);
}
