using System.Buffers;

namespace RxStreams.Sinks;

/// <summary>One writer's encoder of a <see cref="FileFormat{T}"/>: bytes for a part file's start and for each record.</summary>
/// <typeparam name="T">The record type.</typeparam>
public abstract class RecordEncoder<T>
{
    /// <summary>Writes what starts every part file (a CSV header); nothing by default.</summary>
    /// <param name="output">The part file's buffer.</param>
    public virtual void WriteHeader(IBufferWriter<byte> output)
    {
    }

    /// <summary>Writes one record, with its line end.</summary>
    /// <param name="record">The record.</param>
    /// <param name="output">The part file's buffer.</param>
    public abstract void Encode(T record, IBufferWriter<byte> output);
}
