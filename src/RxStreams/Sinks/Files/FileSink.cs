using System;

namespace RxStreams.Sinks;

/// <summary>
/// Writes records into part files of a directory (Flink's <c>FileSink</c>), in a <see cref="FileFormat{T}"/> such as
/// <see cref="FileFormats.Csv{T}"/> or <see cref="FileFormats.JsonLines{T}"/>. Each parallel writer writes its own
/// parts, <c>part-{subtask}-{counter}.csv</c>. Exactly-once (the default): a part is written under a hidden name
/// (<c>.part-0-3.csv.inprogress</c>), made pending at the checkpoint barrier (flushed, fsynced, its name in the
/// checkpoint) and committed by an atomic rename when the checkpoint completes; after a crash, the pending parts of the
/// restored checkpoint are committed and every other hidden part of this sink's subtasks is deleted. Outside a job a
/// part is committed when it rolls and at the end of the input. Readers should ignore files starting with a dot.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class FileSink<T> : Sink<T>
{
    private readonly FileSinkOptions _files;

    /// <summary>Creates the sink.</summary>
    /// <param name="directory">The directory of the part files; created when missing.</param>
    /// <param name="format">How records become bytes.</param>
    /// <param name="files">Part names, rolling and guarantee; null for the defaults.</param>
    /// <param name="options">Batching; null for <see cref="SinkOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The directory is empty, or an option is out of range.</exception>
    public FileSink(string directory, FileFormat<T> format, FileSinkOptions? files = null, SinkOptions? options = null)
        : base("FileSink", options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(format);
        _files = files ?? new FileSinkOptions();
        _files.Validate();
        Directory = System.IO.Path.GetFullPath(directory);
        Format = format;
    }

    /// <summary>The directory of the part files.</summary>
    public string Directory { get; }

    /// <summary>How records become bytes.</summary>
    public FileFormat<T> Format { get; }

    /// <summary>Part names, rolling and guarantee.</summary>
    public FileSinkOptions Files => _files;

    /// <inheritdoc />
    public override SinkGuarantee Guarantee => _files.Guarantee;

    /// <inheritdoc />
    protected internal override SinkWriter<T> CreateWriter(SinkContext context)
    {
        var parts = new PartFiles<T>(context, Directory, _files, Format);
        return _files.Guarantee == SinkGuarantee.ExactlyOnce ? new FileSinkWriter<T>(context, parts) : new AppendingFileSinkWriter<T>(context, parts);
    }
}
