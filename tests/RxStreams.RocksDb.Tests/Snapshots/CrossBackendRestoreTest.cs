using System.IO;
using RxStreams.State;

namespace RxStreams.RocksDb.Tests.Snapshots;

/// <summary>
/// Savepoints are canonical key groups whatever backend wrote them: a job stopped on one backend resumes on the other,
/// at the same or another parallelism, and its output is that of one run without a stop.
/// </summary>
[Collection(nameof(RxStreams.Tests.Adversarial.ParallelTaskThreads))]
[RxStreams.Tests.Adversarial.NoLeakedTaskThreads]
public sealed class CrossBackendRestoreTest : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rxstreams-cross-backend-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string, int, string, int> Switches => new()
    {
        { "heap", 1, "rocksdb", 1 },
        { "rocksdb", 1, "heap", 1 },
        { "rocksdb", 1, "rocksdb", 1 },
        { "heap", 2, "rocksdb", 3 },
        { "rocksdb", 3, "heap", 2 },
        { "rocksdb", 2, "rocksdb", 1 },
        { "rocksdb", 1, "rocksdb", 4 },
    };

    [Theory]
    [MemberData(nameof(Switches))]
    public void AJobStoppedOnOneBackendResumesOnTheOtherWithTheSameOutput(string before, int parallelismBefore, string after, int parallelismAfter)
    {
        var events = AllStateKinds.Events(240, keys: 9, seed: 7);
        var expected = AllStateKinds.Run(events, HeapStateBackend.Instance, 1);

        var (first, savepoint) = AllStateKinds.RunToSavepoint(events, Backend(before), parallelismBefore, records: 100);
        Assert.True(savepoint.IsSavepoint);
        Assert.Equal(
            ["key", "s:count", "s:last seen", "s:latest", "s:parities", "s:recent", "s:sum"],
            savepoint.Operators["all-kinds"].Schema.Keys.Order(StringComparer.Ordinal));
        var rest = AllStateKinds.Run(events, Backend(after), parallelismAfter, savepoint);

        Assert.Equal(expected.Order(StringComparer.Ordinal), first.Concat(rest).Order(StringComparer.Ordinal));
        Assert.NotEmpty(rest);
    }

    [Fact]
    public void EveryStateKindHasTheSchemaTheHeapWrites()
    {
        var events = AllStateKinds.Events(60, keys: 3, seed: 1);
        var (_, heap) = AllStateKinds.RunToSavepoint(events, HeapStateBackend.Instance, 1, records: 20);
        var (_, rocks) = AllStateKinds.RunToSavepoint(events, Backend("rocksdb"), 1, records: 20);
        Assert.Equal(heap.Operators["all-kinds"].Schema.OrderBy(e => e.Key), rocks.Operators["all-kinds"].Schema.OrderBy(e => e.Key));
        Assert.Equal("map state map<i32,i32>", rocks.Operators["all-kinds"].Schema["s:parities"]);
        Assert.Equal("value state i64 ttl", rocks.Operators["all-kinds"].Schema["s:last seen"]);
    }

    public void Dispose() => TempDirectories.Delete(_directory);

    private StateBackend Backend(string name) => name == "heap" ? HeapStateBackend.Instance : new RocksDbStateBackend(_directory);
}
