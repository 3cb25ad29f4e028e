using System;

namespace RxStreams.Sinks;

/// <summary>
/// Part files and rolling of a <see cref="FileSink{T}"/> (Flink's <c>DefaultRollingPolicy</c>). A part file rolls
/// (is closed, and a new one begun at the next record) when it reaches <see cref="MaxPartSize"/> or
/// <see cref="MaxPartAge"/>, checked after each batch, and, in a checkpointed job, at every checkpoint barrier.
/// </summary>
public sealed record FileSinkOptions
{
    /// <summary>The start of part file names: <c>{PartPrefix}-{subtask}-{counter}{extension}</c>. Two sinks writing one directory need different prefixes. Default <c>part</c>.</summary>
    public string PartPrefix { get; init; } = "part";

    /// <summary>A part file rolls once it holds at least this many bytes; default 128 MiB.</summary>
    public long MaxPartSize { get; init; } = 128L * 1024 * 1024;

    /// <summary>A part file rolls once it has been open this long (processing time, on the sink's scheduler); default: no limit.</summary>
    public TimeSpan MaxPartAge { get; init; } = System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>
    /// <see cref="SinkGuarantee.ExactlyOnce"/> (the default): hidden in-progress parts, committed by rename when a
    /// checkpoint completes. <see cref="SinkGuarantee.AtLeastOnce"/>: parts are written under their final names and
    /// flushed at barriers (a restart writes the records after the last checkpoint again); cheaper, for comparison.
    /// </summary>
    public SinkGuarantee Guarantee { get; init; } = SinkGuarantee.ExactlyOnce;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(PartPrefix, nameof(PartPrefix));
        if (PartPrefix.AsSpan().IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0 || PartPrefix.StartsWith('.'))
        {
            throw new ArgumentException($"The part prefix '{PartPrefix}' is not a plain file name (or starts with a dot, which hides in-progress parts).", nameof(PartPrefix));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPartSize, 1, nameof(MaxPartSize));
        if (MaxPartAge <= TimeSpan.Zero && MaxPartAge != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPartAge), MaxPartAge, "MaxPartAge must be positive, or infinite.");
        }

        if (Guarantee == SinkGuarantee.None)
        {
            throw new ArgumentOutOfRangeException(nameof(Guarantee), Guarantee, "A file sink is ExactlyOnce or AtLeastOnce.");
        }
    }
}
