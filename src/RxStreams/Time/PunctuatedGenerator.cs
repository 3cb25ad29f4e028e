using System;

namespace RxStreams.Time;

/// <summary>Emits the watermark a user function extracts from a record, when it returns one.</summary>
internal sealed class PunctuatedGenerator<T> : IWatermarkGenerator<T>
{
    private readonly Func<T, long, long?> _extractor;

    public PunctuatedGenerator(Func<T, long, long?> extractor) => _extractor = extractor;

    public void OnEvent(T value, long timestamp, IWatermarkOutput output)
    {
        if (_extractor(value, timestamp) is { } watermark)
        {
            output.EmitWatermark(watermark);
        }
    }

    public void OnPeriodicEmit(IWatermarkOutput output)
    {
    }
}
