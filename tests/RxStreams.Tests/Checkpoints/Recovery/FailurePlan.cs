using System.IO;
using System.Threading;
using RxStreams.Checkpoints;

namespace RxStreams.Tests.Checkpoints.Recovery;

/// <summary>
/// Where a run fails, counted over all its attempts: the n-th record seen, the n-th opening of the function (a failure
/// during restore), the storing of checkpoint n (a checkpoint acknowledged by every task but never durable). Parallel
/// tasks may count at once: the counters are atomic.
/// </summary>
internal sealed class FailurePlan(IEnumerable<int> records, IEnumerable<int> opens, IEnumerable<long> stores)
{
    private readonly HashSet<int> _records = [.. records];
    private readonly HashSet<int> _opens = [.. opens];
    private readonly HashSet<long> _stores = [.. stores];
    private int _recordsSeen;
    private int _opened;
    private int _crashes;
    private int _storeFailures;

    public static FailurePlan None => new([], [], []);

    /// <summary>Every failure injected so far.</summary>
    public int Injected => Crashes + StoreFailures;

    /// <summary>The failures that end an attempt (a record, an opening).</summary>
    public int Crashes => Volatile.Read(ref _crashes);

    /// <summary>Checkpoints that were acknowledged but not stored.</summary>
    public int StoreFailures => Volatile.Read(ref _storeFailures);

    public void OnRecord()
    {
        var seen = Interlocked.Increment(ref _recordsSeen);
        if (_records.Contains(seen))
        {
            Interlocked.Increment(ref _crashes);
            throw new InvalidOperationException($"injected failure at record {seen}");
        }
    }

    public void OnOpen()
    {
        var opened = Interlocked.Increment(ref _opened);
        if (_opens.Contains(opened))
        {
            Interlocked.Increment(ref _crashes);
            throw new InvalidOperationException($"injected failure while opening, time {opened}");
        }
    }

    /// <summary>Checkpoints stored with records in flight (unaligned checkpoints' channel state).</summary>
    public int StoredWithRecordsInFlight { get; private set; }

    public ICheckpointStorage Storage() => new FlakyStorage(new InMemoryCheckpointStorage(), this);

    private sealed class FlakyStorage(ICheckpointStorage inner, FailurePlan plan) : ICheckpointStorage
    {
        public int RetainedCheckpoints => inner.RetainedCheckpoints;

        public IReadOnlyList<long> CompletedCheckpointIds => inner.CompletedCheckpointIds;

        public void Store(CheckpointSnapshot snapshot)
        {
            if (plan._stores.Contains(snapshot.CheckpointId))
            {
                Interlocked.Increment(ref plan._storeFailures);
                throw new IOException($"injected failure storing checkpoint {snapshot.CheckpointId}");
            }

            inner.Store(snapshot);
            if (snapshot.Operators.Values.Any(o => o.Uid.Contains("exchange", StringComparison.Ordinal) && o.OperatorState.Any(s => !s.Data.IsEmpty)))
            {
                plan.StoredWithRecordsInFlight++;
            }
        }

        public CheckpointSnapshot? LoadLatest() => inner.LoadLatest();

        public CheckpointSnapshot Load(long checkpointId) => inner.Load(checkpointId);
    }
}
