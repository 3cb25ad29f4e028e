using System.IO;
using System.Text;
using RxStreams.Checkpoints;

namespace RxStreams.Tests.Checkpoints.Storage;

internal static class CheckpointTestSupport
{
    public static readonly DateTimeOffset Noon = new(2026, 12, 4, 12, 0, 0, 123, TimeSpan.FromHours(5.5));

    /// <summary>Three operators: keyed only, non-keyed only, and both; data that differs per checkpoint id.</summary>
    public static CheckpointSnapshot Sample(long id, bool isSavepoint = false, int maxParallelism = 128) => new(
        id,
        Noon.AddSeconds(id),
        [
            new OperatorSnapshot(
                "window-count",
                "Window#3",
                [new KeyGroupState(0, Bytes($"g0@{id}")), new KeyGroupState(17, Bytes($"g17@{id}")), new KeyGroupState(maxParallelism - 1, new byte[] { 0, 255, (byte)id })],
                schema: new Dictionary<string, string> { ["count"] = "i64@1", ["panes"] = "map<i64,list<i64>>@1" }),
            new OperatorSnapshot(
                "source",
                "FromKafka#1",
                operatorState: [new SubtaskState(1, 2, Bytes($"offset-b@{id}")), new SubtaskState(0, 2, Bytes($"offset-a@{id}"))]),
            new OperatorSnapshot(
                "process",
                "Process#2",
                [new KeyGroupState(5, ReadOnlyMemory<byte>.Empty)],
                [new SubtaskState(0, 1, new byte[100_000])],
                new Dictionary<string, string> { ["last"] = "memorypack:Shop.Order@1" }),
        ],
        isSavepoint,
        maxParallelism);

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Asserts that every field and every byte of state is the same.</summary>
    public static void AssertSame(CheckpointSnapshot expected, CheckpointSnapshot? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.CheckpointId, actual.CheckpointId);
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.Timestamp.Offset, actual.Timestamp.Offset);
        Assert.Equal(expected.IsSavepoint, actual.IsSavepoint);
        Assert.Equal(expected.MaxParallelism, actual.MaxParallelism);
        Assert.Equal(CheckpointSnapshot.CurrentFormatVersion, actual.FormatVersion);
        Assert.Equal(expected.Operators.Keys.Order(), actual.Operators.Keys.Order());
        foreach (var (uid, op) in expected.Operators)
        {
            var back = actual.Operators[uid];
            Assert.Equal(op.Uid, back.Uid);
            Assert.Equal(op.OperatorName, back.OperatorName);
            Assert.Equal(op.Schema.OrderBy(e => e.Key), back.Schema.OrderBy(e => e.Key));
            Assert.Equal(op.KeyedState.Select(k => (k.KeyGroup, k.Data.ToArray())), back.KeyedState.Select(k => (k.KeyGroup, k.Data.ToArray())));
            Assert.Equal(
                op.OperatorState.Select(s => (s.Subtask, s.Parallelism, s.Data.ToArray())),
                back.OperatorState.Select(s => (s.Subtask, s.Parallelism, s.Data.ToArray())));
        }
    }
}
