using System.IO;
using RxStreams.Checkpoints;
using static RxStreams.Tests.Checkpoints.Storage.CheckpointTestSupport;

namespace RxStreams.Tests.Checkpoints.Storage;

/// <summary>
/// A crash or a bad disk can leave the newest checkpoint torn or corrupt: <see cref="DirectoryCheckpointStorage.LoadLatest"/>
/// must skip it and return the previous complete one, and loading it by id must say what is wrong and where.
/// </summary>
public sealed class TornCheckpointTest : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly DirectoryCheckpointStorage _storage;

    public TornCheckpointTest()
    {
        _storage = new DirectoryCheckpointStorage(_directory.Path, retained: 5);
        _storage.Store(Sample(1));
        _storage.Store(Sample(2));
    }

    private string Chk2 => _directory["chk-2"];

    private string Data2 => Path.Combine(Chk2, "state");

    private string Metadata2 => Path.Combine(Chk2, "_metadata");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void IntactCheckpointsLoad()
    {
        AssertSame(Sample(2), _storage.LoadLatest());
        Assert.Equal(["_metadata", "state"], Directory.GetFiles(Chk2).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void MissingMetadata()
    {
        File.Delete(Metadata2);
        AssertFallsBackAndLoadSays($"Checkpoint '{Chk2}' is torn: it has no _metadata, so it never completed.", Chk2);
        Assert.Equal([1L], _storage.CompletedCheckpointIds);
    }

    [Fact]
    public void TruncatedDataFile()
    {
        var bytes = File.ReadAllBytes(Data2);
        File.WriteAllBytes(Data2, bytes[..^10]);
        AssertFallsBackAndLoadSays(
            $"Checkpoint '{Chk2}' is torn: data file 'state' has {bytes.Length - 10} bytes, its _metadata records {bytes.Length}.", Data2);
        Assert.Equal([1L], _storage.CompletedCheckpointIds);
    }

    [Fact]
    public void FlippedByteInTheDataFile()
    {
        var bytes = File.ReadAllBytes(Data2);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(Data2, bytes);
        var e = AssertFallsBack(Data2);
        Assert.Matches(
            $"^Checkpoint '{System.Text.RegularExpressions.Regex.Escape(Chk2)}' is corrupt: data file 'state' has XxHash64 0x[0-9A-F]{{16}}, its _metadata records 0x[0-9A-F]{{16}}\\.$",
            e.Message);
    }

    [Fact]
    public void LeftoverTemporaryFile()
    {
        File.Move(Metadata2, Metadata2 + ".tmp");
        AssertFallsBackAndLoadSays(
            $"Checkpoint '{Chk2}' is torn: it has no _metadata, and the temporary file(s) '_metadata.tmp' show it was interrupted while being written.", Chk2);
    }

    [Fact]
    public void FlippedByteInTheMetadata()
    {
        var bytes = File.ReadAllBytes(Metadata2);
        bytes[12] ^= 0x40;
        File.WriteAllBytes(Metadata2, bytes);
        var e = AssertFallsBack(Metadata2);
        Assert.StartsWith($"Checkpoint metadata '{Metadata2}' is corrupt: its checksum is 0x", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedMetadata()
    {
        File.WriteAllBytes(Metadata2, File.ReadAllBytes(Metadata2)[..5]);
        var e = AssertFallsBack(Metadata2);
        Assert.Equal($"Checkpoint metadata '{Metadata2}' is torn: only 5 bytes, shorter than its 8-byte header.", e.Message);
    }

    [Fact]
    public void EveryCheckpointTornMeansNoLatest()
    {
        File.Delete(Metadata2);
        File.Delete(Path.Combine(_directory["chk-1"], "state"));
        Assert.Null(_storage.LoadLatest());
        Assert.Empty(_storage.CompletedCheckpointIds);
    }

    [Fact]
    public void ATornCheckpointIsReplacedWhenItsIdIsStoredAgain()
    {
        File.Delete(Metadata2);
        _storage.Store(Sample(2));
        AssertSame(Sample(2), _storage.Load(2));
    }

    [Fact]
    public void RetentionDeletesTornDirectoriesOlderThanTheNewestComplete()
    {
        File.Delete(Metadata2);
        Directory.CreateDirectory(_directory["chk-9"]);
        File.WriteAllText(Path.Combine(_directory["chk-9"], "state.tmp"), "partial");
        Directory.CreateDirectory(_directory["not-a-checkpoint"]);

        _storage.Store(Sample(3));

        Assert.Equal(["chk-1", "chk-3", "chk-9", "not-a-checkpoint"], Directory.GetDirectories(_directory.Path).Select(Path.GetFileName).Order());
        Assert.Equal([1L, 3], _storage.CompletedCheckpointIds);
    }

    private CheckpointStorageException AssertFallsBack(string path)
    {
        AssertSame(Sample(1), _storage.LoadLatest());
        AssertSame(Sample(1), new DirectoryCheckpointStorage(_directory.Path, retained: 5).LoadLatest());
        var e = Assert.Throws<CheckpointStorageException>(() => _storage.Load(2));
        Assert.Equal(path, e.Path);
        Assert.Equal(2, e.CheckpointId);
        Assert.Throws<CheckpointStorageException>(() => DirectoryCheckpointStorage.LoadFrom(Chk2));
        return e;
    }

    private void AssertFallsBackAndLoadSays(string message, string path) => Assert.Equal(message, AssertFallsBack(path).Message);
}
