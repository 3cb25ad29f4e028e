using System.Threading;
using System.Threading.Tasks;
using RxStreams;
using RxStreams.Exchanges;
using static RxStreams.Tests.Exchange.ExchangeTestSupport;

namespace RxStreams.Tests.Exchange;

/// <summary>Which task each exchange strategy sends each record to, seen by tagging records with their task's index.</summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class RoutingTest
{
    [Fact]
    public void ForwardKeepsEachRecordOnTheTaskInTheSamePosition()
    {
        // Stage 1: rebalance over 3 tasks (record i to task i % 3). Stage 2: forward, so task j of stage 2 must see
        // exactly what task j of stage 1 produced, in its order.
        var results = Collect(Ints(300)
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 3)
            .Apply((index, s) => s.Select(x => (First: index, X: x)))
            .Partition(RxStreams.Exchange.Forward, parallelism: 3)
            .Apply((index, s) => s.Select(r => (r.First, Second: index, r.X)))
            .Merge()
            .Values());

        Assert.Equal(300, results.Count);
        Assert.All(results, r => Assert.Equal(r.First, r.Second));
        for (var task = 0; task < 3; task++)
        {
            var expected = Enumerable.Range(0, 300).Where(x => x % 3 == task).ToList();
            Assert.Equal(expected, results.Where(r => r.Second == task).Select(r => r.X).ToList());
        }
    }

    [Fact]
    public void ForwardFromASourceNeedsParallelismOne()
    {
        var results = Collect(Ints(50).Partition(RxStreams.Exchange.Forward, parallelism: 1).Apply((index, s) => s.Select(x => (index, x))).Merge().Values());
        Assert.Equal(Enumerable.Range(0, 50).Select(x => (0, x)), results);

        Assert.Throws<ArgumentException>(() => Ints(1).Partition(RxStreams.Exchange.Forward, parallelism: 2));
        Assert.Throws<ArgumentException>(() => Ints(1).Partition(RxStreams.Exchange.Rebalance, parallelism: 2).Partition(RxStreams.Exchange.Forward, parallelism: 3));
    }

    [Fact]
    public void BroadcastSendsEveryRecordToEveryTaskInOrder()
    {
        var results = Collect(Ints(200).Partition(RxStreams.Exchange.Broadcast, parallelism: 3).Apply((index, s) => s.Select(x => (index, x))).Merge().Values());

        Assert.Equal(600, results.Count);
        for (var task = 0; task < 3; task++)
        {
            Assert.Equal(Enumerable.Range(0, 200), results.Where(r => r.index == task).Select(r => r.x));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void HashSendsAllRecordsOfAKeyToOneTaskChosenByTheKeyGroupFormula(int parallelism)
    {
        Dictionary<int, int> Run()
        {
            var results = Collect(Ints(20_000)
                .PartitionByKey(x => x % 1000, parallelism, new ExchangeOptions { Capacity = 64 })
                .Apply((index, s) => s.Select(x => (Task: index, Key: x % 1000)))
                .Merge()
                .Values());
            Assert.Equal(20_000, results.Count);
            var byKey = results.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Task).Distinct().ToList());
            Assert.Equal(1000, byKey.Count);
            Assert.All(byKey, pair => Assert.Single(pair.Value));
            return byKey.ToDictionary(pair => pair.Key, pair => pair.Value[0]);
        }

        var first = Run();
        var second = Run();
        Assert.Equal(first, second);
        foreach (var (key, task) in first)
        {
            // int's hash is its value; the formula is restated here, independently of HashRouter.
            Assert.Equal(ExpectedTask(key, parallelism), task);
            Assert.Equal(HashRouter<int, int>.ConsumerOf(key, parallelism), task);
        }

        // Every task gets some keys (128 key groups over at most 4 tasks).
        Assert.Equal(parallelism, first.Values.Distinct().Count());
    }

    [Fact]
    public void HashOfStringKeysUsesFnv1aSoItIsTheSameInEveryProcess()
    {
        var keys = Enumerable.Range(0, 200).Select(i => "sensor-" + i).ToArray();
        var results = Collect(Ints(2_000)
            .PartitionByKey(x => keys[x % keys.Length], parallelism: 3)
            .Apply((index, s) => s.Select(x => (Task: index, Key: keys[x % keys.Length])))
            .Merge()
            .Values());

        var byKey = results.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Task).Distinct().Single());
        Assert.Equal(200, byKey.Count);
        foreach (var (key, task) in byKey)
        {
            Assert.Equal(ExpectedTask(Fnv1a(key), 3), task);
        }

        // Pinned values: FNV-1a("a") = 0xE40C292C, so these never change between runs, processes or machines.
        Assert.Equal(unchecked((int)0xE40C292C), Fnv1a("a"));
        Assert.Equal(unchecked((int)0xE40C292C), StableHash.OfString("a"));
    }

    [Fact]
    public void RebalanceIsExactRoundRobin()
    {
        var results = Collect(Ints(1_000).Partition(RxStreams.Exchange.Rebalance, parallelism: 3).Apply((index, s) => s.Select(x => (index, x))).Merge().Values());

        Assert.Equal(1_000, results.Count);
        Assert.All(results, r => Assert.Equal(r.x % 3, r.index));
        Assert.Equal([334, 333, 333], Enumerable.Range(0, 3).Select(t => results.Count(r => r.index == t)));
    }

    [Fact]
    public void RebalanceFromSeveralProducersStartsEachAtItsOwnIndex()
    {
        // Stage 1 (2 tasks) gets record x at task x % 2; its n-th record goes to task (producer + n) % 3 of stage 2.
        var results = Collect(Ints(600)
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 2)
            .Apply((index, s) => s.Select(x => (Producer: index, X: x)))
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 3)
            .Apply((index, s) => s.Select(r => (r.Producer, Consumer: index, r.X)))
            .Merge()
            .Values());

        Assert.Equal(600, results.Count);
        Assert.All(results, r =>
        {
            var n = r.X / 2; // the record's position in its producer's output
            Assert.Equal(r.X % 2, r.Producer);
            Assert.Equal((r.Producer + n) % 3, r.Consumer);
        });
        Assert.Equal([200, 200, 200], Enumerable.Range(0, 3).Select(t => results.Count(r => r.Consumer == t)));
    }

    [Fact]
    public void RandomSpreadsWithinToleranceAndRepeatsForTheSameSeed()
    {
        const int records = 10_000;
        List<int> Run(int seed)
        {
            var results = Collect(Ints(records).Partition(RxStreams.Exchange.Random(seed), parallelism: 4).Apply((index, s) => s.Select(x => (index, x))).Merge().Values());
            Assert.Equal(records, results.Count);
            return results.OrderBy(r => r.x).Select(r => r.index).ToList();
        }

        var first = Run(42);
        var again = Run(42);
        var other = Run(43);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);

        // Stated tolerance: each of 4 tasks gets 2,500 ± 10 % (σ ≈ 43, so ± 250 is ~ 5.8 σ; the seed makes it exact anyway).
        for (var task = 0; task < 4; task++)
        {
            Assert.InRange(first.Count(t => t == task), 2_250, 2_750);
            Assert.InRange(other.Count(t => t == task), 2_250, 2_750);
        }

        // Producer 0 draws from new Random(seed + 0).
        var random = new Random(42);
        Assert.Equal(Enumerable.Range(0, records).Select(_ => random.Next(4)), first);
    }

    [Fact]
    public void ParallelismMustBePositiveAndDefaultsToTheCores()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ints(1).Partition(RxStreams.Exchange.Rebalance, parallelism: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ints(1).Partition(RxStreams.Exchange.Rebalance, 2, new ExchangeOptions { Capacity = 0 }));
        Assert.Equal(Environment.ProcessorCount, Ints(1).Partition(RxStreams.Exchange.Rebalance).Parallelism);
        Assert.Equal(Environment.ProcessorCount, Ints(1).PartitionByKey(x => x).Parallelism);
    }

    /// <summary>HashRouter's documented formula: Murmur3's finalizer, modulo 128 key groups, then key-group ranges over the tasks.</summary>
    private static int ExpectedTask(int keyHash, int parallelism)
    {
        var h = (uint)keyHash;
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        var keyGroup = (int)(h % 128);
        return keyGroup * parallelism / 128;
    }

    private static int Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return unchecked((int)hash);
    }
}
