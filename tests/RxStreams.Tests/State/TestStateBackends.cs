using RxStreams.Checkpoints;
using RxStreams.State;

namespace RxStreams.Tests.State;

/// <summary>
/// Creates a keyed state backend of the test assembly's default kind (the heap here; RocksDB in
/// RxStreams.RocksDb.Tests, which compiles the same test files), so both backends run the same assertions.
/// </summary>
internal static class TestStateBackends
{
    public static KeyedStateBackend<TKey> Create<TKey>(IEqualityComparer<TKey> comparer)
        where TKey : notnull =>
        StateBackend.Default.CreateKeyedStateBackend(comparer, "test", null, TaskInfo.Single);
}
