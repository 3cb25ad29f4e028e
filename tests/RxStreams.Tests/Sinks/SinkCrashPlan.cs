using System.IO;
using System.Threading;
using RxStreams.Checkpoints;
using RxStreams.Sinks;
using RxStreams.State;
using RxStreams.Tests.Checkpoints.Recovery;

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
    // Records, openings and lost stores as every recovery test injects them; commits and unannounced stores are the sinks' own.
    private readonly FailurePlan _failures = new(records, opens, lostStores);
    private readonly HashSet<int> _commits = [.. commits];
    private readonly HashSet<long> _unannounced = [.. unannouncedStores];
    private int _notices;
    private int _crashes;
    private int _unannouncedStores;
    private int _crashNext;

    public static SinkCrashPlan None => new([], [], [], [], []);

    /// <summary>The failures that end an attempt.</summary>
    public int Crashes => _failures.Crashes + Volatile.Read(ref _crashes);

    /// <summary>Every failure injected, including checkpoints that were not stored or not announced.</summary>
    public int Injected => _failures.Injected + Volatile.Read(ref _crashes) + Volatile.Read(ref _unannouncedStores);

    public void OnRecord()
    {
        if (Interlocked.Exchange(ref _crashNext, 0) == 1)
        {
            Interlocked.Increment(ref _crashes);
            throw new InvalidOperationException("injected failure at the first record after an unannounced checkpoint");
        }

        _failures.OnRecord();
    }

    /// <summary>A writer opens (in a restarted attempt: while it restores).</summary>
    public void OnOpen() => _failures.OnOpen();

    public void OnCommit()
    {
        var notice = Interlocked.Increment(ref _notices);
        if (_commits.Contains(notice))
        {
            Interlocked.Increment(ref _crashes);
            throw new InvalidOperationException($"injected failure before commit notice {notice}");
        }
    }

    public ICheckpointStorage Storage() => new UnannouncingStorage(_failures.Storage(), this);

    /// <summary>Wraps <paramref name="inner"/> so its writers fail where this plan says.</summary>
    public Sink<T> Wrap<T>(Sink<T> inner) => new CrashingSink<T>(inner, this);

    private sealed class UnannouncingStorage(ICheckpointStorage inner, SinkCrashPlan plan) : ICheckpointStorage
    {
        public int RetainedCheckpoints => inner.RetainedCheckpoints;

        public IReadOnlyList<long> CompletedCheckpointIds => inner.CompletedCheckpointIds;

        public void Store(CheckpointSnapshot snapshot)
        {
            inner.Store(snapshot);
            if (plan._unannounced.Contains(snapshot.CheckpointId))
            {
                // Durable, but the job hears a failure: no completion notice, and the next record fails.
                Interlocked.Increment(ref plan._unannouncedStores);
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
