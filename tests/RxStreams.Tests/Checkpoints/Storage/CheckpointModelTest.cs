using RxStreams.Checkpoints;
using static RxStreams.Tests.Checkpoints.Storage.CheckpointTestSupport;

namespace RxStreams.Tests.Checkpoints.Storage;

public class CheckpointModelTest
{
    [Fact]
    public void Defaults()
    {
        var snapshot = new CheckpointSnapshot(1, Noon, []);
        Assert.Equal(128, snapshot.MaxParallelism);
        Assert.Equal(1, CheckpointSnapshot.CurrentFormatVersion);
        Assert.Equal(1, snapshot.FormatVersion);
        Assert.False(snapshot.IsSavepoint);
        Assert.Empty(snapshot.Operators);
        Assert.Equal(3, new InMemoryCheckpointStorage().RetainedCheckpoints);
    }

    [Fact]
    public void RepeatedKeyGroupIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new OperatorSnapshot("op", "Window#1", [new KeyGroupState(4, Bytes("a")), new KeyGroupState(4, Bytes("b"))]));
        Assert.Equal("Operator 'Window#1' (uid 'op'): key group 4 is negative or repeated.", e.Message);
    }

    [Fact]
    public void SubtaskOutsideItsParallelismIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new OperatorSnapshot("src", "Source#1", operatorState: [new SubtaskState(2, 2, Bytes("x"))]));
        Assert.Equal("Operator 'Source#1' (uid 'src'): subtask 2 of parallelism 2 is out of range or repeated.", e.Message);
    }

    [Fact]
    public void KeyGroupBeyondMaxParallelismIsRefused()
    {
        var op = new OperatorSnapshot("op", "Window#1", [new KeyGroupState(8, Bytes("a"))]);
        var e = Assert.Throws<ArgumentException>(() => new CheckpointSnapshot(5, Noon, [op], maxParallelism: 8));
        Assert.StartsWith("Checkpoint 5: operator 'op' has key group 8, but there are only 8 key groups.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedUidIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new CheckpointSnapshot(5, Noon, [new OperatorSnapshot("op", "A"), new OperatorSnapshot("op", "B")]));
        Assert.StartsWith("Checkpoint 5: two operators have uid 'op'.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfRangeArgumentsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointSnapshot(-1, Noon, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointSnapshot(1, Noon, [], maxParallelism: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointSnapshot(1, Noon, [], maxParallelism: CheckpointSnapshot.UpperMaxParallelism + 1));
        Assert.Throws<ArgumentException>(() => new OperatorSnapshot("", "A"));
    }
}
