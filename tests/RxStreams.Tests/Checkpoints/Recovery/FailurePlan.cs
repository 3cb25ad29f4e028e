using System.IO;
using RxStreams.Checkpoints;

namespace RxStreams.Tests.Checkpoints.Recovery;

/// <summary>
/// Where a run fails, counted over all its attempts: the n-th record seen, the n-th opening of the function (a failure
/// during restore), the storing of checkpoint n (a checkpoint acknowledged by every task but never durable).
/// </summary>
internal sealed class FailurePlan(IEnumerable<int> records, IEnumerable<int> opens, IEnumerable<long> stores)
{
    private readonly HashSet<int> _records = [.. records];
    private readonly HashSet<int> _opens = [.. opens];
    private readonly HashSet<long> _stores = [.. stores];
    private int _recordsSeen;
    private int _opened;

    public static FailurePlan None => new([], [], []);

    /// <summary>Every failure injected so far.</summary>
    public int Injected => Crashes + StoreFailures;

    /// <summary>The failures that end an attempt (a record, an opening).</summary>
    public int Crashes { get; private set; }

    /// <summary>Checkpoints that were acknowledged but not stored.</summary>
    public int StoreFailures { get; private set; }

    public void OnRecord()
    {
        if (_records.Contains(++_recordsSeen))
        {
            Crashes++;
            throw new InvalidOperationException($"injected failure at record {_recordsSeen}");
        }
    }

    public void OnOpen()
    {
        if (_opens.Contains(++_opened))
        {
            Crashes++;
            throw new InvalidOperationException($"injected failure while opening, time {_opened}");
        }
    }

    public ICheckpointStorage Storage() => new FlakyStorage(new InMemoryCheckpointStorage(), this);

    private sealed class FlakyStorage(ICheckpointStorage inner, FailurePlan plan) : ICheckpointStorage
    {
        public int RetainedCheckpoints => inner.RetainedCheckpoints;

        public IReadOnlyList<long> CompletedCheckpointIds => inner.CompletedCheckpointIds;

        public void Store(CheckpointSnapshot snapshot)
        {
            if (plan._stores.Contains(snapshot.CheckpointId))
            {
                plan.StoreFailures++;
                throw new IOException($"injected failure storing checkpoint {snapshot.CheckpointId}");
            }

            inner.Store(snapshot);
        }

        public CheckpointSnapshot? LoadLatest() => inner.LoadLatest();

        public CheckpointSnapshot Load(long checkpointId) => inner.Load(checkpointId);
    }
}
