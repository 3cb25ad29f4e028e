using System;

namespace RxStreams.Redis;

/// <summary>How a Redis stream is read.</summary>
public sealed record RedisStreamOptions
{
    /// <summary>Entries fetched per round trip (<c>XRANGE … COUNT</c>). Default 512.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>
    /// False (the default): the source reads up to the entry that was last in the stream when the job first opened it,
    /// then completes; that end is kept in checkpoints, so a restarted job ends at the same entry. True: it never
    /// completes and polls for new entries every <see cref="SourceOptions.PollInterval"/> when it has read them all.
    /// </summary>
    public bool Follow { get; init; }

    /// <summary>Reading starts after this entry id (exclusive). Default <c>0-0</c>: from the stream's first entry.</summary>
    public string StartAfter { get; init; } = "0-0";

    /// <summary>The Redis database number; -1 (the default) is the connection's default database.</summary>
    public int Database { get; init; } = -1;

    /// <summary>
    /// Where entries whose mapping fails go, each as a <see cref="DeadLetter"/> with the <see cref="RedisStreamEntry"/>
    /// as its record and a <see cref="RedisStreamException"/> naming the stream and id as its error; the source then
    /// goes on. Null (the default): such an entry fails the source with that exception. After a restart, entries since
    /// the restored checkpoint are read again, so their dead letters can come twice.
    /// </summary>
    public DeadLetters? DeadLetters { get; init; }

    /// <summary>How the source is read in steps inside a job (records per step, pace, poll interval).</summary>
    public SourceOptions Source { get; init; } = new();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Database, -1, nameof(Database));
        ArgumentNullException.ThrowIfNull(Source, nameof(Source));
        if (!RedisStreamId.TryParse(StartAfter, out _))
        {
            throw new ArgumentException($"StartAfter '{StartAfter}' is not a stream entry id (milliseconds-sequence, for example 1700000000000-0).", nameof(StartAfter));
        }
    }
}
