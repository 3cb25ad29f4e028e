namespace RxStreams.Time;

/// <summary>Never emits a watermark; the stream still ends with <see cref="Watermark.MaxValue"/> when it completes.</summary>
internal sealed class NoWatermarksGenerator<T> : IWatermarkGenerator<T>
{
    public void OnEvent(T value, long timestamp, IWatermarkOutput output)
    {
    }

    public void OnPeriodicEmit(IWatermarkOutput output)
    {
    }
}
