using RxStreams.Checkpoints;
using static RxStreams.Tests.Checkpoints.Storage.CheckpointTestSupport;

namespace RxStreams.Tests.Checkpoints.Storage;

/// <summary>What every <see cref="ICheckpointStorage"/> must do; run once per implementation.</summary>
public abstract class CheckpointStorageContractTest
{
    protected abstract ICheckpointStorage Create(int retained = 3);

    [Fact]
    public void EmptyStorageHasNoLatest()
    {
        var storage = Create();
        Assert.Null(storage.LoadLatest());
        Assert.Empty(storage.CompletedCheckpointIds);
        Assert.Equal(3, storage.RetainedCheckpoints);
    }

    [Fact]
    public void RoundTripGivesBackEveryByte()
    {
        var storage = Create();
        var snapshot = Sample(7);
        storage.Store(snapshot);
        AssertSame(snapshot, storage.Load(7));
        AssertSame(snapshot, storage.LoadLatest());
        Assert.Equal([7L], storage.CompletedCheckpointIds);
    }

    [Fact]
    public void OperatorsAreKeyedByUidAndStateIsOrdered()
    {
        var storage = Create();
        storage.Store(Sample(1));
        var back = storage.Load(1);
        Assert.Equal(["process", "source", "window-count"], back.Operators.Keys.Order());
        Assert.Equal([0, 1], back.Operators["source"].OperatorState.Select(s => s.Subtask));
        Assert.Equal([0, 17, 127], back.Operators["window-count"].KeyedState.Select(k => k.KeyGroup));
        Assert.Equal("map<i64,list<i64>>@1", back.Operators["window-count"].Schema["panes"]);
    }

    [Fact]
    public void EmptySnapshotAndSmallMaxParallelismRoundTrip()
    {
        var storage = Create();
        var empty = new CheckpointSnapshot(0, DateTimeOffset.UnixEpoch, [], maxParallelism: 1);
        storage.Store(empty);
        AssertSame(empty, storage.Load(0));
        var narrow = Sample(1, maxParallelism: 20);
        storage.Store(narrow);
        AssertSame(narrow, storage.LoadLatest());
    }

    [Fact]
    public void LatestIsTheHighestId()
    {
        var storage = Create();
        storage.Store(Sample(2));
        storage.Store(Sample(5));
        storage.Store(Sample(4, isSavepoint: true));
        Assert.Equal(5, storage.LoadLatest()!.CheckpointId);
        storage.Store(Sample(6, isSavepoint: true));
        var latest = storage.LoadLatest()!;
        Assert.Equal(6, latest.CheckpointId);
        Assert.True(latest.IsSavepoint);
    }

    [Fact]
    public void RetentionKeepsExactlyTheLastNAndEverySavepoint()
    {
        var storage = Create(retained: 2);
        storage.Store(Sample(1));
        storage.Store(Sample(2, isSavepoint: true));
        storage.Store(Sample(3));
        Assert.Equal([1L, 2, 3], storage.CompletedCheckpointIds);
        storage.Store(Sample(4));
        Assert.Equal([2L, 3, 4], storage.CompletedCheckpointIds);
        storage.Store(Sample(5));
        storage.Store(Sample(6));
        Assert.Equal([2L, 5, 6], storage.CompletedCheckpointIds);
        AssertSame(Sample(2, isSavepoint: true), storage.Load(2));
        var e = Assert.Throws<CheckpointStorageException>(() => storage.Load(4));
        Assert.Equal(4, e.CheckpointId);
    }

    [Fact]
    public void StoringAnIdTwiceIsRefused()
    {
        var storage = Create();
        storage.Store(Sample(3));
        var e = Assert.Throws<CheckpointStorageException>(() => storage.Store(Sample(3, isSavepoint: true)));
        Assert.Contains("Checkpoint 3 is already stored", e.Message, StringComparison.Ordinal);
        Assert.False(storage.Load(3).IsSavepoint);
    }

    [Fact]
    public void LoadingAMissingIdNamesIt()
    {
        var storage = Create();
        storage.Store(Sample(1));
        var e = Assert.Throws<CheckpointStorageException>(() => storage.Load(9));
        Assert.StartsWith("No checkpoint 9 in ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("[1].", e.Message, StringComparison.Ordinal);
        Assert.Equal(9, e.CheckpointId);
    }

    [Fact]
    public void StoredSnapshotIsACopy()
    {
        var storage = Create();
        var buffer = Bytes("before");
        storage.Store(new CheckpointSnapshot(1, Noon, [new OperatorSnapshot("op", "Op", [new KeyGroupState(3, buffer)])]));
        buffer[0] = (byte)'X';
        Assert.Equal(Bytes("before"), storage.Load(1).Operators["op"].KeyedState[0].Data.ToArray());
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(retained: 0));
        Assert.Throws<ArgumentNullException>(() => Create().Store(null!));
    }
}
