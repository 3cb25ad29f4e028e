using System.IO;
using RxStreams.Checkpoints;
using RxStreams.State;

namespace RxStreams.RocksDb.Tests.Snapshots;

/// <summary>
/// Incremental checkpoints: each holds only the SST files no earlier checkpoint stored and references the others;
/// storages keep a shared file exactly while a retained checkpoint references it; restores open the files at the same
/// parallelism, and read key-group ranges out of them at another parallelism or into the heap.
/// </summary>
[Collection(nameof(RxStreams.Tests.Adversarial.ParallelTaskThreads))]
[RxStreams.Tests.Adversarial.NoLeakedTaskThreads]
public sealed class IncrementalCheckpointTest : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rxstreams-incremental-" + Guid.NewGuid().ToString("N"));

    private RocksDbStateBackend Incremental => new(Path.Combine(_directory, "local")) { IncrementalCheckpoints = true };

    [Fact]
    public void TheSecondCheckpointWritesOnlyTheFilesTheFirstDidNotStore()
    {
        var events = AllStateKinds.Events(240, keys: 9, seed: 7);
        var storage = new RecordingStorage(new InMemoryCheckpointStorage(retained: 3));
        AllStateKinds.RunAndCrash(events, Incremental, 1, records: 30, storage, checkpoints: 2);

        var (firstId, firstWritten, firstReferenced) = storage.Stored[0];
        var (secondId, secondWritten, secondReferenced) = storage.Stored[1];
        Assert.Equal(firstId + 1, secondId);
        Assert.Empty(firstReferenced);
        Assert.NotEmpty(firstWritten);
        Assert.Equal(firstWritten, secondReferenced);
        Assert.NotEmpty(secondWritten);
        Assert.Empty(secondWritten.Intersect(firstWritten));
        Assert.All(firstWritten.Concat(secondWritten), key => Assert.EndsWith(".sst", key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("directory")]
    public void RetentionDeletesTheSharedFilesNoRetainedCheckpointReferencesAndNeverAReferencedOne(string kind)
    {
        var events = AllStateKinds.Events(400, keys: 9, seed: 3);
        ICheckpointStorage inner = kind == "memory" ? new InMemoryCheckpointStorage(retained: 2) : new DirectoryCheckpointStorage(Path.Combine(_directory, "checkpoints"), retained: 2);
        var storage = new RecordingStorage(inner);
        AllStateKinds.RunAndCrash(events, Incremental, 1, records: 200, storage, checkpoints: 8);

        var retained = storage.Stored.TakeLast(2).ToArray();
        var referenced = retained.SelectMany(s => s.Written.Concat(s.Referenced)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var held = kind == "memory" ? ((InMemoryCheckpointStorage)inner).SharedFileKeys : ((DirectoryCheckpointStorage)inner).SharedFileKeys;
        Assert.Equal(referenced, held);
        Assert.Equal(retained.Select(s => s.Id), inner.CompletedCheckpointIds);
        Assert.True(storage.Stored.SelectMany(s => s.Written).Count() > held.Count, "compaction replaced no file, so retention had nothing to delete");
        Assert.Equal(referenced, inner.LoadLatest()!.SharedFiles.Keys.Union(inner.Load(retained[0].Id).SharedFiles.Keys).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, int, int> Restores => new()
    {
        { "rocksdb", 1, 1 },
        { "rocksdb", 2, 2 },
        { "rocksdb", 2, 3 },
        { "rocksdb", 3, 1 },
        { "heap", 1, 1 },
        { "heap", 2, 3 },
    };

    [Theory]
    [MemberData(nameof(Restores))]
    public void AnIncrementalCheckpointRestoresWithTheOutputOfOneRun(string after, int parallelismBefore, int parallelismAfter)
    {
        var events = AllStateKinds.Events(240, keys: 9, seed: 7);
        var expected = AllStateKinds.Run(events, HeapStateBackend.Instance, 1);
        var storage = new DirectoryCheckpointStorage(Path.Combine(_directory, "checkpoints"));
        var first = AllStateKinds.RunAndCrash(events, Incremental, parallelismBefore, records: 100, storage, checkpoints: 3);

        var latest = storage.LoadLatest()!;
        Assert.NotEmpty(latest.SharedFiles);
        Assert.All(latest.Operators["all-kinds"].OperatorState, s => Assert.True(NativeStateHandle.TryRead(s, out var backend, out _) && backend == "rocksdb"));
        var rest = AllStateKinds.Run(events, after == "heap" ? HeapStateBackend.Instance : Incremental, parallelismAfter, latest);

        Assert.Equal(expected.Order(StringComparer.Ordinal), first.Concat(rest).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ACheckpointWithATornSharedFileIsNeverRestored()
    {
        var events = AllStateKinds.Events(240, keys: 9, seed: 7);
        var expected = AllStateKinds.Run(events, HeapStateBackend.Instance, 1);
        var inner = new DirectoryCheckpointStorage(Path.Combine(_directory, "checkpoints"), retained: 3);
        var storage = new RecordingStorage(inner);
        var first = AllStateKinds.RunAndCrash(events, Incremental, 1, records: 100, storage, checkpoints: 3);

        // The latest checkpoint's own new file is cut short, as a crash while writing it would leave it.
        var (latestId, written, _) = storage.Stored[^1];
        var file = Path.Combine(inner.Directory, "shared", written[0]);
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..10]);

        var previous = storage.Stored[^2].Id;
        Assert.DoesNotContain(latestId, inner.CompletedCheckpointIds);
        Assert.Equal(previous, inner.LoadLatest()!.CheckpointId);
        var error = Assert.Throws<CheckpointStorageException>(() => inner.Load(latestId));
        Assert.Contains("is torn", error.Message, StringComparison.Ordinal);

        var rest = AllStateKinds.Run(events, Incremental, 1, inner.LoadLatest());
        Assert.Equal(expected.Order(StringComparer.Ordinal), first.Concat(rest).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SavepointsOfAnIncrementalBackendAreFullAndCanonical()
    {
        var events = AllStateKinds.Events(120, keys: 5, seed: 2);
        var (_, savepoint) = AllStateKinds.RunToSavepoint(events, Incremental, 2, records: 40);
        Assert.Empty(savepoint.SharedFiles);
        Assert.All(savepoint.Operators["all-kinds"].OperatorState, s => Assert.False(NativeStateHandle.TryRead(s, out _, out _)));
        Assert.NotEmpty(savepoint.Operators["all-kinds"].KeyedState);
    }

    public void Dispose() => TempDirectories.Delete(_directory);
}
