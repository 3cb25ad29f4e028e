using RxStreams;
using static RxStreams.Tests.Exchange.ExchangeTestSupport;

namespace RxStreams.Tests.Exchange;

/// <summary>A keyed operator behind PartitionByKey must see every key it calls equal on one task.</summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class KeyPartitioningTest
{
    // Eight keys in two spellings each ("k0"/"K0" …), two records per spelling: 32 records, 4 per key ignoring case.
    private static IObservable<StreamElement<string>> Spellings() =>
        Described(string.Join(" ", Enumerable.Range(0, 32).Select(i => $"{(i % 2 == 0 ? "k" : "K")}{i / 2 % 8}@{i}")));

    [Fact]
    public void AKeyedOperatorWithAComparerTheExchangeDoesNotUseIsRefusedNamingBoth()
    {
        var merged = Spellings()
            .PartitionByKey(x => x, parallelism: 4)
            .Apply(s => s.KeyBy(x => x, StringComparer.OrdinalIgnoreCase).Count())
            .Merge();

        var error = Assert.Throws<KeyPartitioningException>(() => merged.Subscribe(new WaitingCollector<StreamElement<Keyed<string, long>>>()));
        Assert.Equal("Count", error.Operator);
        Assert.Equal(0, error.Task);
        Assert.Equal(
            "Count in the segment of task 0 compares keys with OrdinalIgnoreCaseComparer, but the PartitionByKey exchange before it " +
            "partitions them with the key type's default equality: keys the operator calls equal could reach different tasks. " +
            "Pass the same comparer to PartitionByKey(..., comparer: ...).",
            error.Message);
    }

    [Fact]
    public void AWindowBehindAChainedSegmentIsCheckedToo()
    {
        var merged = Spellings()
            .PartitionByKey(x => x, parallelism: 2)
            .Apply(s => s.Select(x => x + "!"))
            .Apply(s => s.KeyBy(x => x, StringComparer.OrdinalIgnoreCase).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(100))).Count())
            .Merge();

        Assert.Equal("WindowCount", Assert.Throws<KeyPartitioningException>(() => merged.Subscribe(new WaitingCollector<StreamElement<WindowResult<string, long>>>())).Operator);
    }

    [Fact]
    public void PartitioningWithTheOperatorsComparerSendsEqualKeysToOneTask()
    {
        var results = Collect(Spellings()
            .PartitionByKey(x => x, parallelism: 4, comparer: StringComparer.OrdinalIgnoreCase)
            .Apply(s => s.KeyBy(x => x, StringComparer.OrdinalIgnoreCase).Count())
            .Merge()
            .Values());

        // One rolling count per record, and each key (ignoring case) counts to 4 on the one task that has it.
        Assert.Equal(32, results.Count);
        Assert.Equal(
            Enumerable.Range(0, 8).Select(k => ($"K{k}", 4L)),
            results.GroupBy(r => r.Key.ToUpperInvariant()).Select(g => (g.Key, g.Max(r => r.Value))).OrderBy(g => g.Key));
    }

    [Fact]
    public void KeyedOperatorsWithDefaultEqualityNeedNoComparerOnTheExchange()
    {
        var results = Collect(Spellings().PartitionByKey(x => x, parallelism: 4).Apply(s => s.KeyBy(x => x).Count()).Merge().Values());
        Assert.Equal(16, results.GroupBy(r => r.Key).Count());
        Assert.All(results.GroupBy(r => r.Key), g => Assert.Equal(2L, g.Max(r => r.Value)));
    }
}
