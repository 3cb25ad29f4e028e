using System.Threading;
using System.Threading.Tasks;
using System.Reactive.Linq;
using RxStreams;
using static RxStreams.Tests.Exchange.ExchangeTestSupport;

namespace RxStreams.Tests.Exchange;

/// <summary>Records of one key keep their order through a key-based (hash) exchange.</summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class KeyOrderTest
{
    [Theory]
    [InlineData(2, 16)]
    [InlineData(4, 64)]
    [InlineData(3, 4096)]
    public void EachKeysSequenceIsStrictlyIncreasingAtTheOutput(int parallelism, int capacity)
    {
        const int count = 100_000;
        const int keys = 5_000;

        // Keys drawn at random (seeded), each record numbered within its key.
        var random = new Random(7);
        var next = new int[keys];
        var events = new (int Key, int Sequence)[count];
        for (var i = 0; i < count; i++)
        {
            var key = random.Next(keys);
            events[i] = (key, next[key]++);
        }

        var output = Collect(events.ToObservable()
            .WithEventTime(_ => 0L, WatermarkStrategy.ForMonotonousTimestamps())
            .PartitionByKey(e => e.Key, parallelism, new ExchangeOptions { Capacity = capacity })
            .Apply((index, s) => s.Select(e => (Task: index, e.Key, e.Sequence)))
            .Merge()
            .Values());

        Assert.Equal(count, output.Count);
        var last = new int[keys];
        var task = new int[keys];
        Array.Fill(last, -1);
        Array.Fill(task, -1);
        foreach (var (t, key, sequence) in output)
        {
            Assert.True(sequence == last[key] + 1, $"Key {key}: {sequence} after {last[key]}.");
            last[key] = sequence;
            Assert.True(task[key] == -1 || task[key] == t, $"Key {key} reached tasks {task[key]} and {t}.");
            task[key] = t;
        }

        Assert.Equal(next, last.Select(l => l + 1));
    }
}
