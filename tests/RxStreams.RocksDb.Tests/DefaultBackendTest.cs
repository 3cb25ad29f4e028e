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

public class RocksDbSerializerErrorTest
{
    private sealed record Opaque(int Value);

    [Fact]
    public void AKeyWithoutASerializerFailsWhenTheOperatorOpensNamingIt()
    {
        var input = new System.Reactive.Subjects.Subject<StreamElement<Opaque>>();
        var error = Assert.Throws<StateSerializationException>(
            () => input.KeyBy(o => o).Process(() => new RxStreams.Tests.Process.LambdaProcessOf<Opaque>()).Subscribe(_ => { }));
        Assert.Contains("the key of operator 'Process'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyLocalDirectoryIsRefused() =>
        Assert.Equal("localDirectory", Assert.Throws<ArgumentException>(() => new RocksDbStateBackend("")).ParamName);
}
