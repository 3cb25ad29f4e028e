using System;
using RxStreams.Checkpoints;
using RxStreams.Ingestion;

namespace RxStreams;

/// <summary>
/// A replayable source over the lines of files (CSV or JSON lines; see <see cref="FileSource"/>): one file, a directory
/// or a glob, read by byte offset. Its checkpointed position is, per file started, the byte offset and line number of
/// the next line and whether the file is done, so a job restored from a checkpoint reads exactly the lines after it.
/// Read it in parallel with <see cref="Splits"/>.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class FileSource<T> : ReplayableSource<T>
{
    private readonly FileSet _files;
    private readonly Func<LineFormat<T>> _format;
    private readonly FileSourceOptions _options;

    internal FileSource(FileSet files, Func<LineFormat<T>> format, FileSourceOptions options, int split, int splitCount)
        : base(options.Name ?? "file", options.Reading)
    {
        _files = files;
        _format = format;
        _options = options;
        Split = split;
        SplitCount = splitCount;
    }

    /// <summary>The path, directory or glob read, as a full path.</summary>
    public string Path => _files.Display;

    /// <summary>Which split this is, from 0; 0 for the whole source.</summary>
    public int Split { get; }

    /// <summary>How many splits the files are divided into; 1 for the whole source.</summary>
    public int SplitCount { get; }

    /// <summary>
    /// Divides the files among <paramref name="count"/> splits, one per parallel source task: give them, in order, to
    /// <c>ParallelStream.FromPartitions</c> (each after its own <c>WithEventTime</c>). A file belongs to the split its
    /// relative path hashes to (also files that appear later in follow mode); each split checkpoints its own position.
    /// A checkpoint or savepoint restores at any number of splits: each split takes the positions of the files it owns
    /// from those every split wrote (a file's position moves with it). The splits share this source's name and uid:
    /// set <see cref="ReplayableSource{T}.Uid"/> before calling this.
    /// </summary>
    /// <param name="count">The number of splits, at least 1.</param>
    public FileSource<T>[] Splits(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var splits = new FileSource<T>[count];
        for (var i = 0; i < count; i++)
        {
            splits[i] = new FileSource<T>(_files, _format, _options, i, count) { Uid = Uid };
        }

        return splits;
    }

    /// <inheritdoc />
    protected internal override SourceReader<T> OpenReader()
    {
        var task = JobRuntime.Task;
        if (JobRuntime.Current is not null && SplitCount > 1 && (task.Parallelism != SplitCount || task.Subtask != Split))
        {
            throw new InvalidOperationException(
                $"Split {Split} of {SplitCount} of file source '{Name}' runs in parallel task {task.Subtask} of {task.Parallelism}: " +
                "give all the splits, in order, to ParallelStream.FromPartitions.");
        }

        return new FileSplitReader<T>(_files, _format(), _options, Name, Split, SplitCount);
    }
}
