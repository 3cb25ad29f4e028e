using System.Threading;
using CsCheck;
using RxStreams.Tests.Core;
using R = RxStreams.Tests.Core.BatchedPathTest.R;
using Stage = RxStreams.Tests.Core.BatchedPathTest.Stage;

namespace RxStreams.Tests.Exchange;

/// <summary>
/// The batched path across a hash exchange (array source in slices, the producer routing batches, the consumer tasks
/// handing runs of records out of the channel rings, Merge taking batches, a subscriber taking batches) against the
/// same keyed stages run serially one element at a time: every key's results are the same, in the same order.
/// </summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class BatchedExchangeTest
{
    // Stages whose results per key do not depend on which task holds the key (no re-keying, no global window, no failure).
    private static readonly int[] KeyedStages = [0, 1, 2, 3, 4, 5, 7, 9, 11];

    private static readonly Gen<StreamElement<R>> GenElement =
        Gen.Select(Gen.Int[0, 19], Gen.Int[0, 7], Gen.Long[0, 60], Gen.Long[0, 400], (kind, key, value, time) => kind switch
        {
            < 17 => StreamElement.Record(new R(key, value, time), time),
            18 => StreamElement.Barrier<R>(value),
            _ => StreamElement.Watermark<R>(time - 30),
        });

    private static readonly Gen<Stage> GenStage =
        Gen.Select(Gen.Int[0, KeyedStages.Length - 1], Gen.Int[1, 30], Gen.Int[0, 10], (i, a, b) => new Stage(KeyedStages[i], a, b));

    [Fact]
    public void EveryKeysResultsThroughAHashExchangeAreThoseOfTheSerialPerRecordRun() =>
        Gen.Select(GenElement.Array[0, 3_000], GenStage.Array[1, 3], Gen.Int[1, 3]).Sample((elements, stages, parallelism) =>
        {
            var serial = new ElementLog<R>();
            Apply(BatchSources.OneByOne(elements), stages).Subscribe(serial);

            var parallel = new BlockingLog();
            using (Sources.FromArray(elements)
                .PartitionByKey(r => r.Key, parallelism, new ExchangeOptions { Capacity = 64 })
                .Apply(s => Apply(s, stages))
                .Merge()
                .Subscribe(parallel))
            {
                parallel.Wait();
            }

            Assert.Equal("completed", serial.Elements[^1]);
            Assert.Equal(PerKey(serial.Records), PerKey(parallel.Records));
        }, iter: 60, threads: 1, print: t => $"{t.Item1.Length} elements, stages {string.Join(", ", t.Item2)}, parallelism {t.Item3}");

    private static IObservable<StreamElement<R>> Apply(IObservable<StreamElement<R>> stream, Stage[] stages)
    {
        foreach (var stage in stages)
        {
            stream = stage.Apply(stream);
        }

        return stream;
    }

    private static Dictionary<int, string> PerKey(IEnumerable<R> records) =>
        records.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(r => $"{r.V}@{r.T}")));

    /// <summary>Records of a merged parallel stream, taken in batches when offered; waits for the end.</summary>
    private sealed class BlockingLog : IBatchObserver<StreamElement<R>>
    {
        private readonly ManualResetEventSlim _ended = new();
        private Exception? _error;

        public List<R> Records { get; } = [];

        public void OnNext(StreamElement<R> value)
        {
            if (value.IsRecord)
            {
                Records.Add(value.Value);
            }
        }

        public void OnNextBatch(ReadOnlySpan<StreamElement<R>> values)
        {
            foreach (var value in values)
            {
                OnNext(value);
            }
        }

        public void OnError(Exception error)
        {
            _error = error;
            _ended.Set();
        }

        public void OnCompleted() => _ended.Set();

        public void Wait()
        {
            Assert.True(_ended.Wait(TimeSpan.FromSeconds(60)), "the parallel run did not end");
            Assert.Null(_error);
        }
    }
}
