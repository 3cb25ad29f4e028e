namespace RxStreams.Time;

/// <summary>Watermark = highest timestamp seen − bound. A bound of zero gives ascending (monotonous) timestamps.</summary>
internal sealed class BoundedOutOfOrdernessGenerator<T> : IWatermarkGenerator<T>
{
    private readonly long _bound;
    private long _maxTimestamp = long.MinValue;
    private bool _seen;

    public BoundedOutOfOrdernessGenerator(long bound) => _bound = bound;

    public void OnEvent(T value, long timestamp, IWatermarkOutput output)
    {
        if (!_seen || timestamp > _maxTimestamp)
        {
            _maxTimestamp = timestamp;
            _seen = true;
        }
    }

    public void OnPeriodicEmit(IWatermarkOutput output)
    {
        if (_seen)
        {
            // Saturate instead of wrapping below long.MinValue.
            output.EmitWatermark(_maxTimestamp < long.MinValue + _bound ? long.MinValue : _maxTimestamp - _bound);
        }
    }
}
