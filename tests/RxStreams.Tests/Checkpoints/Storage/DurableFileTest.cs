using System.IO;
using RxStreams.Checkpoints;

namespace RxStreams.Tests.Checkpoints.Storage;

public sealed class DurableFileTest : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void WritesTheContentAndLeavesNoTemporaryFile()
    {
        var path = _directory["file"];
        DurableFile.Write(path, [1, 2, 3]);
        DurableFile.Write(path, [4, 5]);
        Assert.Equal(new byte[] { 4, 5 }, File.ReadAllBytes(path));
        Assert.Equal(["file"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void DirectoryEntriesAreFlushedOnLinux()
    {
        Assert.Equal(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), DirectorySync.Flush(_directory.Path));
        Assert.False(DirectorySync.Flush(_directory["missing"]));
    }
}
