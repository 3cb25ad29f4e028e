using RxStreams.Checkpoints;

namespace RxStreams.Tests.Checkpoints.Storage;

public sealed class DirectoryCheckpointStorageContractTest : CheckpointStorageContractTest, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override ICheckpointStorage Create(int retained = 3) => new DirectoryCheckpointStorage(_directory.Path, retained);
}
