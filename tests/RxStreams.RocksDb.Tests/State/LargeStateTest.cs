using System.IO;
using RxStreams.Checkpoints;
using RxStreams.Exchanges;
using RxStreams.State;

namespace RxStreams.RocksDb.Tests.State;

/// <summary>
/// A million keys: their values live in RocksDB, not on the managed heap; a canonical snapshot of them restores into
/// a task that owns half the key groups with exactly that task's keys. Runs alone: the heap it measures is the process's,
/// and tests running beside it grew it past the bound (5.8 MB once in CI).
/// </summary>
[Collection(nameof(ManagedHeap))]
public sealed class LargeStateTest : IDisposable
{
    private const int Keys = 1_000_000;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rxstreams-large-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void AMillionKeysStayOffTheManagedHeapAndRestoreByKeyGroup()
    {
        var backend = new RocksDbStateBackend(_directory);
        var descriptor = new ValueStateDescriptor<long>("v");
        using var source = backend.CreateKeyedStateBackend(EqualityComparer<long>.Default, "large", null, TaskInfo.Single);
        var state = source.GetState(descriptor);
        source.PrepareForCheckpoints();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        for (long key = 0; key < Keys; key++)
        {
            source.CurrentKey = key;
            state.Update(key * 3);
        }

        // A heap table would hold ~40 MB for these entries; RocksDB keeps them in native memory and files.
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        Assert.True(heapGrowth < 4_000_000, $"the managed heap grew by {heapGrowth:N0} bytes");

        var schema = new Dictionary<string, string>();
        var writer = source.CreateWriter();
        foreach (var table in source.Capture(schema))
        {
            table.Write(writer);
        }

        var snapshot = new OperatorSnapshot("large", "large", writer.Finish(), schema: schema);
        Assert.Equal(TaskInfo.MaxParallelism, snapshot.KeyedState.Count);

        var task = new TaskInfo(1, 2);
        using var target = backend.CreateKeyedStateBackend(EqualityComparer<long>.Default, "large", null, task);
        var restored = target.GetState(descriptor);
        target.PrepareForCheckpoints();
        target.CheckSchema(snapshot.Schema, "large");
        foreach (var group in snapshot.KeyedState.Where(g => task.OwnsKeyGroup(g.KeyGroup)))
        {
            var reader = new StateReader(group.Data.Span);
            while (KeyGroupReader.NextSection(ref reader) is { } section)
            {
                Assert.True(target.TryReadSection(section, group.KeyGroup, ref reader));
            }
        }

        target.EndRestore();
        var hash = StableHash.For<long>();
        var owned = Enumerable.Range(0, Keys).Count(k => task.OwnsKeyGroup(HashRouter<object, object>.KeyGroupOf(hash(k))));
        Assert.Equal(owned, target.CountKeys("v"));
        foreach (var key in new long[] { 0, 1, 2, 3, 499_999, 999_999 })
        {
            target.CurrentKey = key;
            var mine = task.OwnsKeyGroup(HashRouter<object, object>.KeyGroupOf(hash(key)));
            Assert.Equal((mine, mine ? key * 3 : 0), (restored.TryGetValue(out var value), value));
        }
    }

    public void Dispose() => TempDirectories.Delete(_directory);
}

/// <summary>Tests that measure the process's managed heap, and so run with no other test beside them.</summary>
[CollectionDefinition(nameof(ManagedHeap), DisableParallelization = true)]
public sealed class ManagedHeap;
