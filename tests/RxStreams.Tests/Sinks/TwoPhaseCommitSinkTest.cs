using CsCheck;
using RxStreams.Sinks;

namespace RxStreams.Tests.Sinks;

/// <summary>
/// The transactional sink contract in a job, over an external system in memory: commits follow completed
/// checkpoints, and random crashes (in a record, while a writer opens in a restarted attempt, before a commit, a
/// checkpoint never stored, a checkpoint stored but never announced) leave exactly the committed output of a run
/// without failure: nothing lost, nothing repeated, no transaction left open.
/// </summary>
public class TwoPhaseCommitSinkTest
{
    private static readonly Gen<int[]> GenInput = Gen.Int[1, 150].Select(n => Enumerable.Range(0, n).ToArray());

    [Fact]
    public void CrashesInRecordsLeaveExactlyTheRecordsOfARunWithoutFailure()
    {
        var store = new MemoryStore();
        var plan = new SinkCrashPlan([37, 80, 81], [], [], [], []);
        var (completed, error, restarts) = SinkJobs.Run(Enumerable.Range(0, 100).ToArray(), plan, new MemoryTransactionalSink(store, new SinkOptions { BatchSize = 4 }));

        Assert.True(completed, error?.ToString());
        Assert.Equal(3, restarts);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => "r" + i), store.Committed);
        Assert.Equal(0, store.OpenTransactions);
    }

    [Fact]
    public void ACheckpointStoredButNeverAnnouncedIsCommittedByTheRecoveryAndACommitRetriedChangesNothing()
    {
        var store = new MemoryStore();

        // Checkpoint 3 is durable, its notice never comes, record 31 fails: the restore commits checkpoint 3's transaction.
        var plan = new SinkCrashPlan([], [], [], [], [3]);
        var (completed, error, restarts) = SinkJobs.Run(Enumerable.Range(0, 60).ToArray(), plan, new MemoryTransactionalSink(store, new SinkOptions { BatchSize = 2 }));

        Assert.True(completed, error?.ToString());
        Assert.Equal(1, restarts);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => "r" + i), store.Committed);
        Assert.Equal(0, store.RepeatedCommits);

        // A failure before the commit of checkpoint 2's notice: the restored checkpoint 2 commits it after the restart,
        // and checkpoint 1's transaction, committed before, is committed again as a no-op.
        store = new MemoryStore();
        plan = new SinkCrashPlan([], [], [2], [], []);
        (completed, error, restarts) = SinkJobs.Run(Enumerable.Range(0, 60).ToArray(), plan, new MemoryTransactionalSink(store, new SinkOptions { BatchSize = 2 }));
        Assert.True(completed, error?.ToString());
        Assert.Equal(1, restarts);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => "r" + i), store.Committed);
        Assert.Equal(0, store.OpenTransactions);
    }

    [Fact]
    public void AJobEndsOnlyAfterItsLastTransactionIsCommittedWithAFinalCheckpoint()
    {
        var store = new MemoryStore();
        var (completed, _, _) = SinkJobs.Run([1, 2, 3], SinkCrashPlan.None, new MemoryTransactionalSink(store, new SinkOptions { BatchSize = 100 }));

        Assert.True(completed);
        Assert.Equal(["r1", "r2", "r3"], store.Committed);
        Assert.Equal(1, store.Commits);
    }

    [Fact]
    public void RandomCrashesLoseAndRepeatNothing()
    {
        var crashes = 0;
        Gen.Select(GenInput, Gen.Int[1, 200].Array[0, 3], Gen.Int[2, 4].Array[0, 1], Gen.Int[1, 12].Array[0, 2], Gen.Long[1, 15].Array[0, 2], Gen.Long[1, 15].Array[0, 1])
            .Select(Gen.Int[1, 9], Gen.Bool, (crash, batch, keyed) => (crash, batch, keyed))
            .Sample(
                sample =>
                {
                    var ((input, records, opens, commits, lost, unannounced), batch, keyed) = sample;
                    var expected = new MemoryStore();
                    Assert.True(SinkJobs.Run(input, SinkCrashPlan.None, new MemoryTransactionalSink(expected, new SinkOptions { BatchSize = batch }), keyed).Completed);

                    var store = new MemoryStore();
                    var plan = new SinkCrashPlan(records, opens, commits, lost, unannounced);
                    var (completed, error, restarts) = SinkJobs.Run(input, plan, new MemoryTransactionalSink(store, new SinkOptions { BatchSize = batch }), keyed);
                    crashes += plan.Injected;

                    Assert.True(completed, error?.ToString());
                    Assert.Equal(plan.Crashes, restarts);
                    Assert.Equal(expected.Committed, store.Committed);
                    Assert.Equal(0, store.OpenTransactions);
                },
                iter: 250,
                seed: "0N0XIzNsQ0O3");
        Assert.True(crashes >= 250, $"only {crashes} crash points were exercised");
    }
}
