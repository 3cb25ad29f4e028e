using CsCheck;
using RxStreams.State;

namespace RxStreams.Tests.State.Heap;

public class CowHashTableTest
{
    [Fact]
    public void BehavesAsADictionaryUnderRandomAddsUpdatesAndRemoves()
    {
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 300], Gen.Long).Array[0, 3000].Sample(operations =>
        {
            var table = new CowHashTable<int, long>(EqualityComparer<int>.Default);
            var model = new Dictionary<int, long>();
            foreach (var (kind, key, value) in operations)
            {
                switch (kind)
                {
                    case 0:
                        table.GetOrAdd(key, out var existed) = value;
                        Assert.Equal(model.ContainsKey(key), existed);
                        model[key] = value;
                        break;
                    case 1:
                        Assert.Equal(model.Remove(key), table.Remove(key));
                        break;
                    default:
                        ref var found = ref table.FindForRead(key);
                        Assert.Equal(model.TryGetValue(key, out var expected), !System.Runtime.CompilerServices.Unsafe.IsNullRef(ref found));
                        if (model.ContainsKey(key))
                        {
                            Assert.Equal(expected, found);
                        }

                        break;
                }
            }

            Assert.Equal(model.Count, table.Count);
            Assert.Equal(model.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)), table.Entries().OrderBy(e => e.Key));
        });
    }

    [Fact]
    public void ASnapshotKeepsTheTableAsItWasWhateverChangesFollow()
    {
        var table = new CowHashTable<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            table.GetOrAdd("k" + i, out _) = i;
        }

        var snapshot = table.Capture();
        for (var i = 0; i < 10_000; i += 2)
        {
            table.FindForWrite("k" + i) = -1;
            table.Remove("k" + (i + 1));
        }

        for (var i = 0; i < 20_000; i++)
        {
            table.GetOrAdd("n" + i, out _) = i; // grows the bucket array and the pages while the snapshot is held
        }

        var seen = Collect(snapshot);
        Assert.Equal(10_000, seen.Count);
        Assert.All(Enumerable.Range(0, 10_000), i => Assert.Equal(i, seen["k" + i]));
        Assert.Equal(25_000, table.Count);
        Assert.Equal(-1, table.FindForRead("k0"));
    }

    [Fact]
    public void AfterReleaseChangesNoLongerCopyPages()
    {
        var table = new CowHashTable<int, long>(EqualityComparer<int>.Default);
        table.GetOrAdd(1, out _) = 1;
        var snapshot = table.Capture();
        table.FindForWrite(1) = 2;
        Assert.Equal(1, Collect(snapshot)[1]);
        snapshot.Release();

        var later = table.Capture();
        later.Release();
        ref var value = ref table.FindForWrite(1);
        value = 3;
        ref var again = ref table.FindForRead(1);
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(ref value, ref again), "the page was copied although no snapshot held it");
    }

    [Fact]
    public void ShrinkGivesMemoryBackAfterASpikeAndKeepsTheSurvivors()
    {
        var table = new CowHashTable<int, long>(EqualityComparer<int>.Default);
        for (var i = 0; i < 100_000; i++)
        {
            table.GetOrAdd(i, out _) = i;
        }

        for (var i = 0; i < 100_000; i++)
        {
            if (i % 100 != 0)
            {
                table.Remove(i);
            }
        }

        Assert.Equal(100_000, table.Capacity);
        table.Shrink();
        Assert.Equal(1_000, table.Capacity);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (i * 100, (long)(i * 100))), table.Entries().OrderBy(e => e.Key));
    }

    private static Dictionary<string, long> Collect(CowHashTable<string, long>.Snapshot snapshot)
    {
        var visitor = new Collecting<string>(new Dictionary<string, long>());
        snapshot.ForEach(ref visitor);
        return visitor.Seen;
    }

    private static Dictionary<int, long> Collect(CowHashTable<int, long>.Snapshot snapshot)
    {
        var visitor = new Collecting<int>(new Dictionary<int, long>());
        snapshot.ForEach(ref visitor);
        return visitor.Seen;
    }

    private readonly struct Collecting<TKey>(Dictionary<TKey, long> seen) : CowHashTable<TKey, long>.IEntryVisitor
        where TKey : notnull
    {
        public Dictionary<TKey, long> Seen => seen;

        public void Visit(TKey key, in long payload) => seen.Add(key, payload);
    }
}
