using System.IO;
using RxStreams.State;
using RxStreams.Tests.State;

namespace RxStreams.RocksDb.Tests;

public class DefaultBackendTest
{
    [Fact]
    public void TheSharedKeyedStateTestsRunOnRocksDb()
    {
        using var backend = TestStateBackends.Create<string>(StringComparer.Ordinal);
        Assert.IsType<RocksDbKeyedStateBackend<string>>(backend);
        var store = ((RocksDbKeyedStateBackend<string>)backend).Store;
        Assert.Equal(RocksDbDefaultBackend.Directory, Path.GetDirectoryName(store.Directory));
        Assert.True(Directory.Exists(store.Directory));
        backend.Dispose();
        Assert.False(Directory.Exists(store.Directory));
    }
}
