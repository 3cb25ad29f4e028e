namespace RxStreams.Time;

/// <summary>
/// A built-in watermark generator whose state a checkpoint keeps, so a restored job emits the watermarks the failed
/// one would have. A custom <see cref="IWatermarkGenerator{T}"/> starts afresh after a restore (as in Flink); the
/// operator's watermark is kept either way, so watermarks never go back.
/// </summary>
internal interface ICheckpointedGenerator
{
    void Write(State.StateWriter writer);

    void Read(ref State.StateReader reader);
}
