using RxStreams.Checkpoints;

namespace RxStreams.RocksDb.Tests.Snapshots;

/// <summary>A storage that records, per stored checkpoint, which shared files came with content (new) and which without (already stored).</summary>
internal sealed class RecordingStorage(ICheckpointStorage inner) : ICheckpointStorage
{
    public List<(long Id, string[] Written, string[] Referenced)> Stored { get; } = [];

    public int RetainedCheckpoints => inner.RetainedCheckpoints;

    public IReadOnlyList<long> CompletedCheckpointIds => inner.CompletedCheckpointIds;

    public void Store(CheckpointSnapshot snapshot)
    {
        inner.Store(snapshot);
        lock (Stored)
        {
            Stored.Add((
                snapshot.CheckpointId,
                snapshot.SharedFiles.Values.Where(f => !f.Data.IsEmpty).Select(f => f.Key).Order(StringComparer.Ordinal).ToArray(),
                snapshot.SharedFiles.Values.Where(f => f.Data.IsEmpty).Select(f => f.Key).Order(StringComparer.Ordinal).ToArray()));
        }
    }

    public CheckpointSnapshot? LoadLatest() => inner.LoadLatest();

    public CheckpointSnapshot Load(long checkpointId) => inner.Load(checkpointId);
}
