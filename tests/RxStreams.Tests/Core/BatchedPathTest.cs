using System.Reactive;
using CsCheck;
using RxStreams.Windows;

namespace RxStreams.Tests.Core;

/// <summary>
/// The batched path (sources and operators handing runs of elements to observers that take them) against the
/// per-record path: random pipelines over random element streams, cut into random batches, must emit the same
/// elements in the same order, watermarks, statuses, barriers, completion and errors included.
/// </summary>
public class BatchedPathTest
{
    private static readonly Gen<StreamElement<R>> GenElement =
        Gen.Select(Gen.Int[0, 19], Gen.Int[0, 3], Gen.Long[0, 60], Gen.Long[0, 200], (kind, key, value, time) => kind switch
        {
            < 15 => StreamElement.Record(new R(key, value, time), time),
            < 18 => StreamElement.Watermark<R>(time - 20),
            18 => StreamElement.Barrier<R>(value),
            _ => value % 2 == 0 ? StreamElement.Idle<R>() : StreamElement.Active<R>(),
        });

    private static readonly Gen<Stage> GenStage =
        Gen.Select(Gen.Int[0, 12], Gen.Int[1, 30], Gen.Int[0, 10], (kind, a, b) => new Stage(kind, a, b));

    [Fact]
    public void RandomPipelinesEmitTheSameOnBothPaths() =>
        Gen.Select(GenElement.Array[0, 300], GenStage.Array[1, 4], Gen.Int, Gen.Int[1, 40]).Sample((elements, stages, seed, maxSlice) =>
        {
            var perRecord = Run(BatchSources.OneByOne(elements), stages);
            var batched = Run(BatchSources.InRandomSlices(elements, seed, maxSlice), stages);
            Assert.Equal(perRecord.Elements, batched.Elements);
        }, iter: 500, print: t => $"{t.Item1.Length} elements, stages {string.Join(", ", t.Item2)}, seed {t.Item3}, slices ≤ {t.Item4}");

    [Fact]
    public void WithEventTimeEmitsTheSameOnBothPaths() =>
        Gen.Select(Gen.Select(Gen.Int[0, 3], Gen.Long[0, 60], Gen.Long[0, 200], (k, v, t) => new R(k, v, t)).Array[0, 300],
            GenStage.Array[0, 3], Gen.Long[0, 30], Gen.Int, Gen.Int[1, 40]).Sample((records, stages, bound, seed, maxSlice) =>
        {
            var strategy = WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(bound));
            var perRecord = Run(BatchSources.OneByOne(records).WithEventTime(r => r.T, strategy), stages);
            var batched = Run(BatchSources.InRandomSlices(records, seed, maxSlice).WithEventTime(r => r.T, strategy), stages);
            Assert.Equal(perRecord.Elements, batched.Elements);
        }, iter: 300);

    [Fact]
    public void AnArraySourceHandsItsRecordsOnInBatchesThroughEveryOperator()
    {
        var elements = Enumerable.Range(0, 3_000).Select(i => StreamElement.Record(new R(i % 3, i, i), i)).ToArray();
        var log = new ElementLog<R>();
        Sources.FromArray(elements).Select(r => r with { V = r.V + 1 }).Where(r => r.V % 2 == 0).Subscribe(log);

        Assert.Equal(1_501, log.Elements.Count); // 1,500 records and the completion
        Assert.Equal("R { Key = 1, V = 2, T = 1 }@1", log.Elements[0]);
        // Three source slices of at most 1,024 elements, each one batch out of the fused Select → Where; one element at a time with RXSTREAMS_BATCHING=off.
        Assert.Equal(Batching.Enabled ? 3 : 0, log.Batches);
    }

    [Fact]
    public void AnOperatorEmittingMoreThanItsBufferHandsOnSeveralBatchesInOrder()
    {
        // 1,000 records, each into 5: one input batch, 5,000 outputs through a 1,024-element buffer.
        var elements = Enumerable.Range(0, 1_000).Select(i => StreamElement.Record(new R(0, i, i), i)).ToArray();
        var batched = new ElementLog<R>();
        var perRecord = new ElementLog<R>();
        Sources.FromArray(elements).SelectMany(r => Enumerable.Range(0, 5).Select(j => r with { V = r.V * 10 + j })).Subscribe(batched);
        BatchSources.OneByOne(elements).SelectMany(r => Enumerable.Range(0, 5).Select(j => r with { V = r.V * 10 + j })).Subscribe(perRecord);

        Assert.Equal(perRecord.Elements, batched.Elements);
        Assert.Equal(5_001, batched.Elements.Count);
        Assert.Equal("R { Key = 0, V = 9994, T = 999 }@999", batched.Elements[^2]);
        Assert.Equal(Batching.Enabled ? 5 : 0, batched.Batches);
    }

    [Fact]
    public void RecordsHoldingReferencesGoOnOneAtATimeAfterAnOperator()
    {
        // Collecting them would cost a GC write barrier per reference: the operator takes the batch and emits one by one.
        var elements = Enumerable.Range(0, 2_000).Select(i => StreamElement.Record($"r{i}", i)).ToArray();
        var log = new ElementLog<string>();
        Sources.FromArray(elements).Select(s => s + "!").Subscribe(log);

        Assert.Equal(2_001, log.Elements.Count);
        Assert.Equal("r1999!@1999", log.Elements[^2]);
        Assert.Equal(0, log.Batches);
    }

    [Fact]
    public void AFailureInsideABatchComesAfterTheRecordsBeforeIt()
    {
        var elements = Enumerable.Range(0, 100).Select(i => StreamElement.Record(new R(0, i, i), i)).ToArray();
        var log = new ElementLog<R>();
        Sources.FromArray(elements).Select(r => r.V == 42 ? throw new InvalidOperationException("no 42") : r).Subscribe(log);

        Assert.Equal(43, log.Elements.Count);
        Assert.Equal("R { Key = 0, V = 41, T = 41 }@41", log.Elements[41]);
        Assert.StartsWith("error StreamOperatorException: ", log.Elements[42]);
        Assert.Contains("no 42", log.Elements[42]);
    }

    private static ElementLog<R> Run(IObservable<StreamElement<R>> source, Stage[] stages)
    {
        var stream = source;
        foreach (var stage in stages)
        {
            stream = stage.Apply(stream);
        }

        var log = new ElementLog<R>();
        stream.Subscribe(log);
        return log;
    }

    public readonly record struct R(int Key, long V, long T);

    /// <summary>One operator of a random pipeline, with two small parameters.</summary>
    public sealed record Stage(int Kind, int A, int B)
    {
        public IObservable<StreamElement<R>> Apply(IObservable<StreamElement<R>> s) => Kind switch
        {
            0 => s.Select(r => r with { V = (r.V * A) + B }),
            1 => s.Where(r => r.V % (B + 2) != 0),
            2 => s.SelectMany(r => Enumerable.Range(0, (int)(r.V % 4)).Select(i => r with { V = r.V + i })),
            3 => FromWindows(s.KeyBy(r => r.Key).Window(TumblingEventTimeWindows.Of(Ms(A))).AllowedLateness(Ms(B)).Count()),
            4 => FromWindows(s.KeyBy(r => r.Key).Window(SlidingEventTimeWindows.Of(Ms(A + B), Ms(A))).Sum(r => r.V)),
            5 => FromWindows(s.KeyBy(r => r.Key).Window(EventTimeSessionWindows.WithGap(Ms(A))).AllowedLateness(Ms(B)).Max(r => r.V)),
            6 => FromWindows(s.WindowAll(TumblingEventTimeWindows.Of(Ms(A))).Sum(r => r.V)),
            7 => s.KeyBy(r => r.Key).Sum(r => r.V).Select(k => new R(k.Key, k.Value, 0)),
            8 => s.Select(r => r.V % (A + 7) == B ? throw new InvalidOperationException($"stage {this} fails on {r}") : r),
            9 => s.Select(r => r with { V = r.V + A }).Where(r => r.V % 3 != 0),
            10 => s.Where(r => r.V % 4 != B % 4).Select(r => r with { Key = (int)(r.V % 3) }),
            11 => s.KeyBy(r => r.Key).Max(r => r.V).Select(k => new R(k.Key, k.Value, 1)),
            _ => s.Union(s.Select(r => r with { Key = r.Key + 10 })),
        };

        private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

        private static IObservable<StreamElement<R>> FromWindows<TKey>(IObservable<StreamElement<WindowResult<TKey, long>>> s) =>
            s.Select(w => new R(w.Key is int k ? k : -1, (w.Value * 1_000) + w.Window.Start, w.Window.End - 1));
    }
}
