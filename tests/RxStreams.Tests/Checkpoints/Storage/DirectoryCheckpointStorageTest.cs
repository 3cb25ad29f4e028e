using System.Buffers.Binary;
using System.IO;
using RxStreams.Checkpoints;
using static RxStreams.Tests.Checkpoints.Storage.CheckpointTestSupport;

namespace RxStreams.Tests.Checkpoints.Storage;

public sealed class DirectoryCheckpointStorageTest : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void LayoutIsOneDirectoryPerCheckpointWithDataAndMetadata()
    {
        var storage = new DirectoryCheckpointStorage(_directory.Path);
        storage.Store(Sample(4));
        storage.Store(Sample(5, isSavepoint: true));
        Assert.Equal(["chk-4", "savepoint-5"], Directory.GetDirectories(_directory.Path).Select(Path.GetFileName).Order());
        Assert.Equal(["_metadata", "state"], Directory.GetFiles(_directory["savepoint-5"]).Select(Path.GetFileName).Order());
        var head = File.ReadAllBytes(Path.Combine(_directory["chk-4"], "_metadata"))[..8];
        Assert.Equal("RXCM"u8.ToArray(), head[..4]);
        Assert.Equal(CheckpointSnapshot.CurrentFormatVersion, BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(4)));
        Assert.Equal("RXSD"u8.ToArray(), File.ReadAllBytes(Path.Combine(_directory["chk-4"], "state"))[..4]);
        Assert.Equal(_directory.Path, storage.Directory);
        Assert.Equal(3, storage.RetainedCheckpoints);
    }

    [Fact]
    public void ANewProcessSeesTheSameLatestCheckpoint()
    {
        var first = new DirectoryCheckpointStorage(_directory.Path, retained: 2);
        first.Store(Sample(1));
        first.Store(Sample(2));
        first.Store(Sample(3, isSavepoint: true));

        var second = new DirectoryCheckpointStorage(_directory.Path, retained: 2);
        AssertSame(Sample(3, isSavepoint: true), second.LoadLatest());
        Assert.Equal([1L, 2, 3], second.CompletedCheckpointIds);
        second.Store(Sample(4));
        Assert.Equal([2L, 3, 4], first.CompletedCheckpointIds);
        AssertSame(Sample(4), first.LoadLatest());
    }

    [Fact]
    public void RetentionLeavesOnlyTheLastNAndSavepointsOnDisk()
    {
        var storage = new DirectoryCheckpointStorage(_directory.Path, retained: 2);
        foreach (var id in Enumerable.Range(1, 6))
        {
            storage.Store(Sample(id, isSavepoint: id % 3 == 0));
        }

        Assert.Equal(["chk-4", "chk-5", "savepoint-3", "savepoint-6"], Directory.GetDirectories(_directory.Path).Select(Path.GetFileName).Order());
        Assert.Equal([3L, 4, 5, 6], storage.CompletedCheckpointIds);
    }

    [Fact]
    public void LoadFromASavepointDirectoryOrItsMetadataFile()
    {
        var storage = new DirectoryCheckpointStorage(_directory.Path);
        storage.Store(Sample(8, isSavepoint: true));
        AssertSame(Sample(8, isSavepoint: true), DirectoryCheckpointStorage.LoadFrom(_directory["savepoint-8"]));
        AssertSame(Sample(8, isSavepoint: true), DirectoryCheckpointStorage.LoadFrom(Path.Combine(_directory["savepoint-8"], "_metadata")));

        // A savepoint moved elsewhere, under another name, still restores: its id comes from its metadata.
        var moved = _directory["kept-for-upgrade"];
        Directory.Move(_directory["savepoint-8"], moved);
        AssertSame(Sample(8, isSavepoint: true), DirectoryCheckpointStorage.LoadFrom(moved));
    }

    [Fact]
    public void LoadFromAMissingPathSaysSo()
    {
        var missing = _directory["chk-42"];
        var e = Assert.Throws<CheckpointStorageException>(() => DirectoryCheckpointStorage.LoadFrom(missing));
        Assert.Equal($"No checkpoint at '{missing}': the directory does not exist.", e.Message);
        Assert.Equal(42, e.CheckpointId);
    }

    [Fact]
    public void NewerFormatVersionIsRefusedWithAClearMessage()
    {
        var storage = new DirectoryCheckpointStorage(_directory.Path);
        storage.Store(Sample(1));
        storage.Store(Sample(2));
        var metadata = Path.Combine(_directory["chk-2"], "_metadata");
        var bytes = File.ReadAllBytes(metadata);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 2);
        File.WriteAllBytes(metadata, bytes);

        var e = Assert.Throws<CheckpointStorageException>(() => storage.Load(2));
        Assert.Equal(
            $"Checkpoint metadata '{metadata}' has format version 2, but this RxStreams reads only version 1: " +
            "it was written by a newer release; restore it with that release or a later one.",
            e.Message);
        Assert.Equal(metadata, e.Path);
        AssertSame(Sample(1), storage.LoadLatest());
    }

    [Fact]
    public void UnknownOlderFormatVersionIsRefused()
    {
        var storage = new DirectoryCheckpointStorage(_directory.Path);
        storage.Store(Sample(1));
        var metadata = Path.Combine(_directory["chk-1"], "_metadata");
        var bytes = File.ReadAllBytes(metadata);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 0);
        File.WriteAllBytes(metadata, bytes);

        var e = Assert.Throws<CheckpointStorageException>(() => DirectoryCheckpointStorage.LoadFrom(_directory["chk-1"]));
        Assert.EndsWith("has format version 0, but this RxStreams reads only version 1: the version is unknown, so the file is corrupt.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotCheckpointMetadataIsRefused()
    {
        var storage = new DirectoryCheckpointStorage(_directory.Path);
        storage.Store(Sample(1));
        var metadata = Path.Combine(_directory["chk-1"], "_metadata");
        File.WriteAllText(metadata, "{\"json\": true}");
        var e = Assert.Throws<CheckpointStorageException>(() => storage.Load(1));
        Assert.Equal($"'{metadata}' is not a checkpoint metadata: it starts with 0x736A227B, expected 0x4D435852.", e.Message);
    }

    [Fact]
    public void MetadataOfAnotherCheckpointIsRefused()
    {
        var storage = new DirectoryCheckpointStorage(_directory.Path);
        storage.Store(Sample(1));
        storage.Store(Sample(2));
        File.Copy(Path.Combine(_directory["chk-1"], "_metadata"), Path.Combine(_directory["chk-2"], "_metadata"), overwrite: true);
        var e = Assert.Throws<CheckpointStorageException>(() => storage.Load(2));
        Assert.EndsWith("is corrupt: it records checkpoint 1.", e.Message, StringComparison.Ordinal);
        AssertSame(Sample(1), storage.LoadLatest());
    }
}
