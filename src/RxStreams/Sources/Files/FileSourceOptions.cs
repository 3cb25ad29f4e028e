namespace RxStreams;

/// <summary>How a file source (<see cref="FileSource"/>) reads its files.</summary>
public record FileSourceOptions
{
    /// <summary>The source's name in errors, dead letters and the graph, and its default uid; null uses <c>file</c>.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Follow growing files and directories (<c>tail -f</c>): the source never ends; files that grow are read on,
    /// new files that match are picked up, and a last line without its line break is held back until it is complete.
    /// The input is looked at again every <see cref="SourceOptions.PollInterval"/> on the job's scheduler when it had
    /// nothing new. Default false: the files are listed once and read to their end, a last line without a line break
    /// included, and the source completes.
    /// </summary>
    public bool Follow { get; init; }

    /// <summary>
    /// Where lines that cannot be read go, as a <see cref="DeadLetter"/> whose record is a <see cref="FileLine"/> and
    /// whose error is a <see cref="FileSourceException"/>; the source goes on. Null (the default) fails the source
    /// with the <see cref="FileSourceException"/> instead.
    /// </summary>
    public DeadLetters? DeadLetters { get; init; }

    /// <summary>How the source is read in a job (records per step, pace, poll interval); the defaults when null.</summary>
    public SourceOptions? Reading { get; init; }

    /// <summary>The read buffer's size in bytes, default 1 MiB; it grows for a longer line, up to <see cref="MaxLineLength"/>.</summary>
    public int BufferSize { get; init; } = 1 << 20;

    /// <summary>The longest line (record) accepted, in bytes, default 64 MiB; a longer one fails the source (it is not a dead letter: it cannot be held).</summary>
    public int MaxLineLength { get; init; } = 64 << 20;

    internal void Validate()
    {
        System.ArgumentOutOfRangeException.ThrowIfLessThan(BufferSize, 16, nameof(BufferSize));
        System.ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineLength, BufferSize, nameof(MaxLineLength));
        Reading?.Validate();
    }
}
