using RxStreams.Checkpoints;
using static RxStreams.Tests.Checkpoints.Storage.CheckpointTestSupport;

namespace RxStreams.Tests.Checkpoints.Storage;

public sealed class InMemoryCheckpointStorageTest : CheckpointStorageContractTest
{
    protected override ICheckpointStorage Create(int retained = 3) => new InMemoryCheckpointStorage(retained);

    [Fact]
    public void ConcurrentStoresAreAllKeptUpToRetention()
    {
        var storage = new InMemoryCheckpointStorage(retained: 100);
        System.Threading.Tasks.Parallel.For(1, 51, id => storage.Store(Sample(id)));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), storage.CompletedCheckpointIds);
        Assert.Equal(50, storage.LoadLatest()!.CheckpointId);
    }
}
