using System.IO;
using System.Threading;
using RxStreams.Checkpoints;
using RxStreams.Sinks;
using RxStreams.State;

namespace RxStreams.Tests.Sinks;

/// <summary>
/// Where a sink's job fails, counted over all its attempts (atomic: parallel tasks count at once): in the n-th record;
/// at the n-th opening of a writer (a failure while a restarted attempt restores); in the n-th completion notice, before
/// the sink commits (between pre-commit and commit); storing checkpoint n fails (pre-committed, never durable); or
/// checkpoint n is stored but its completion is never announced, and the next record fails (the restored checkpoint's
/// transactions were pre-committed and not committed: recovery must commit them).
/// </summary>
internal sealed class SinkCrashPlan(IEnumerable<int> records, IEnumerable<int> opens, IEnumerable<int> commits, IEnumerable<long> lostStores, IEnumerable<long> unannouncedStores)
{
    private readonly HashSet<int> _records = [.. records];
    private readonly HashSet<int> _opens = [.. opens];
    private readonly HashSet<int> _commits = [.. commits];
    private readonly HashSet<long> _lost = [.. lostStores];
    private readonly HashSet<long> _unannounced = [.. unannouncedStores];
    private int _recordsSeen;
    private int _opened;
    private int _notices;
    private int _crashes;
    private int _storeFailures;
    private int _crashNext;

    public static SinkCrashPlan None => new([], [], [], [], []);

    /// <summary>The failures that end an attempt.</summary>
    public int Crashes => Volatile.Read(ref _crashes);

    /// <summary>Every failure injected, including checkpoints that were not stored or not announced.</summary>
    public int Injected => Crashes + Volatile.Read(ref _storeFailures);

    public void OnRecord()
    {
        var seen = Interlocked.Increment(ref _recordsSeen);
        if (_records.Contains(seen) || Interlocked.Exchange(ref _crashNext, 0) == 1)
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
            throw new InvalidOperationException($"injected failure opening writer {opened}");
        }
    }

    public void OnCommit()
    {
        var notice = Interlocked.Increment(ref _notices);
        if (_commits.Contains(notice))
        {
            Interlocked.Increment(ref _crashes);
            throw new InvalidOperationException($"injected failure before commit notice {notice}");
        }
    }

    public ICheckpointStorage Storage() => new FlakyStorage(new InMemoryCheckpointStorage(), this);

    /// <summary>Wraps <paramref name="inner"/> so its writers fail where this plan says.</summary>
    public Sink<T> Wrap<T>(Sink<T> inner) => new CrashingSink<T>(inner, this);

    private sealed class FlakyStorage(ICheckpointStorage inner, SinkCrashPlan plan) : ICheckpointStorage
    {
        public int RetainedCheckpoints => inner.RetainedCheckpoints;

        public IReadOnlyList<long> CompletedCheckpointIds => inner.CompletedCheckpointIds;

        public void Store(CheckpointSnapshot snapshot)
        {
            if (plan._lost.Contains(snapshot.CheckpointId))
            {
                Interlocked.Increment(ref plan._storeFailures);
                throw new IOException($"injected failure storing checkpoint {snapshot.CheckpointId}");
            }

            inner.Store(snapshot);
            if (plan._unannounced.Contains(snapshot.CheckpointId))
            {
                // Durable, but the job hears a failure: no completion notice, and the next record fails.
                Interlocked.Increment(ref plan._storeFailures);
                Volatile.Write(ref plan._crashNext, 1);
                throw new IOException($"injected failure after storing checkpoint {snapshot.CheckpointId}");
            }
        }

        public CheckpointSnapshot? LoadLatest() => inner.LoadLatest();

        public CheckpointSnapshot Load(long checkpointId) => inner.Load(checkpointId);
    }

    private sealed class CrashingSink<T>(Sink<T> inner, SinkCrashPlan plan) : Sink<T>(inner.Name, inner.Options)
    {
        public override SinkGuarantee Guarantee => inner.Guarantee;

        protected internal override SinkWriter<T> CreateWriter(SinkContext context)
        {
            plan.OnOpen();
            return new Writer<T>(context, inner.CreateWriter(context), plan);
        }
    }

    private sealed class Writer<T>(SinkContext context, SinkWriter<T> inner, SinkCrashPlan plan) : SinkWriter<T>(context)
    {
        internal override bool IsTransactional => inner.IsTransactional;

        internal override bool HasUncommitted => inner.HasUncommitted;

        protected internal override void Write(ReadOnlySpan<T> batch) => inner.Write(batch);

        protected internal override void Flush() => inner.Flush();

        internal override void Recover(IReadOnlyList<ReadOnlyMemory<byte>> restored) => inner.Recover(restored);

        internal override void SnapshotState(long checkpointId, StateWriter state) => inner.SnapshotState(checkpointId, state);

        internal override void CheckpointComplete(long checkpointId)
        {
            plan.OnCommit();
            inner.CheckpointComplete(checkpointId);
        }

        internal override void EndOfInput() => inner.EndOfInput();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
