using System;

namespace RxStreams.Checkpoints;

/// <summary>
/// What a participant returns at a barrier: its snapshot, or the rest of it to finish off the participant's thread
/// (Flink's asynchronous snapshots: the synchronous part only copies what later records would change).
/// </summary>
internal readonly struct PendingSnapshot
{
    private PendingSnapshot(SnapshotPart? done, Func<SnapshotPart>? rest)
    {
        Done = done;
        Rest = rest;
    }

    /// <summary>The finished snapshot, when the participant needed no asynchronous part.</summary>
    public SnapshotPart? Done { get; }

    /// <summary>The asynchronous part: serializes what the synchronous part captured.</summary>
    public Func<SnapshotPart>? Rest { get; }

    public static implicit operator PendingSnapshot(SnapshotPart done) => new(done, null);

    /// <summary>A snapshot whose serialization runs later, off the participant's thread.</summary>
    public static PendingSnapshot Later(Func<SnapshotPart> rest) => new(null, rest);
}
