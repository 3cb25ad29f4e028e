namespace RxStreams.Time;

/// <summary>Watermark = highest timestamp seen − bound. A bound of zero gives ascending (monotonous) timestamps.</summary>
internal sealed class BoundedOutOfOrdernessGenerator<T> : IWatermarkGenerator<T>, ICheckpointedGenerator
{
    private readonly long _bound;
    private long _maxTimestamp = long.MinValue;
    private bool _seen;

    public BoundedOutOfOrdernessGenerator(long bound) => _bound = bound;

    /// <summary>The bound in milliseconds.</summary>
    public long Bound => _bound;

    public void OnEvent(T value, long timestamp, IWatermarkOutput output) => TryRaise(timestamp, out _);

    public void OnPeriodicEmit(IWatermarkOutput output)
    {
        if (_seen)
        {
            output.EmitWatermark(WatermarkOf(_maxTimestamp));
        }
    }

    /// <summary>
    /// Takes a record's timestamp; true, with the new watermark, when the highest timestamp rose. Only then can the
    /// watermark rise, so <c>WithEventTime</c> calls this directly instead of asking for a watermark after every record.
    /// </summary>
    public bool TryRaise(long timestamp, out long watermark)
    {
        if (_seen && timestamp <= _maxTimestamp)
        {
            watermark = 0;
            return false;
        }

        _maxTimestamp = timestamp;
        _seen = true;
        watermark = WatermarkOf(timestamp);
        return true;
    }

    public void Write(State.StateWriter writer)
    {
        writer.WriteBoolean(_seen);
        writer.WriteInt64(_maxTimestamp);
    }

    public void Read(ref State.StateReader reader)
    {
        _seen = reader.ReadBoolean();
        _maxTimestamp = reader.ReadInt64();
    }

    // Saturate instead of wrapping below long.MinValue.
    private long WatermarkOf(long maxTimestamp) => maxTimestamp < long.MinValue + _bound ? long.MinValue : maxTimestamp - _bound;
}
