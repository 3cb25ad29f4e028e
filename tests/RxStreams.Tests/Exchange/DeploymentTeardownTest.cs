using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Threading;
using RxStreams;
using RxStreams.Exchanges;
using static RxStreams.Tests.Exchange.ExchangeTestSupport;

namespace RxStreams.Tests.Exchange;

/// <summary>
/// A deployment that fails, in its source's Subscribe, in a task or in the subscriber, is torn down whole: the source
/// subscription is disposed and every task thread ends, without the subscriber disposing anything.
/// </summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class DeploymentTeardownTest
{
    [Fact]
    public void ASourceWhoseSubscribeThrowsLeavesNoTaskThreadRunning()
    {
        var failure = new InvalidOperationException("cannot connect");
        var deployments = new List<Deployment>();
        var merged = new ThrowingSource(failure)
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 2)
            .Apply(s => s)
            .MergeObserved(null, deployments.Add);

        for (var attempt = 0; attempt < 20; attempt++)
        {
            Assert.Same(failure, Assert.Throws<InvalidOperationException>(() => merged.Subscribe(new WaitingCollector<StreamElement<int>>())));
        }

        var threads = deployments.SelectMany(d => d.Threads).ToList();
        Assert.Equal(40, threads.Count);
        Assert.Empty(StillRunning(threads));
    }

    [Fact]
    public void AFailingTaskCancelsTheSourceAndEndsEveryTaskThread()
    {
        var source = new EndlessSource();
        var deployments = new List<Deployment>();
        var output = new WaitingCollector<int>();
        using var subscription = source.Stream
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 2, new ExchangeOptions { Capacity = 64 })
            .Apply((index, s) => s.Select(x => index == 1 && x == 1_999 ? throw new InvalidOperationException("task 1 failed") : x))
            .MergeObserved(null, deployments.Add)
            .Values()
            .Subscribe(output);

        output.WaitForEnd();
        var error = Assert.IsType<StreamOperatorException>(output.Error);
        Assert.Equal("task 1 failed", error.InnerException!.Message);
        AssertTornDown(source, Assert.Single(deployments));
    }

    [Fact]
    public void AThrowingSubscriberCancelsTheSourceAndEndsEveryTaskThread()
    {
        var source = new EndlessSource();
        var deployments = new List<Deployment>();
        var failure = new InvalidOperationException("subscriber failed");
        var errors = new WaitingCollector<Exception>();
        using var subscription = source.Stream
            .Partition(RxStreams.Exchange.Rebalance, parallelism: 2, new ExchangeOptions { Capacity = 64 })
            .Apply(s => s)
            .MergeObserved(null, deployments.Add)
            .Values()
            .Subscribe(x => { if (x == 1_000) throw failure; }, errors.OnNext);

        errors.WaitForCount(1);
        Assert.Same(failure, errors.Items[0]);
        AssertTornDown(source, Assert.Single(deployments));
    }

    private static void AssertTornDown(EndlessSource source, Deployment deployment)
    {
        Assert.True(source.Disposed.Wait(WaitLimit), "The source subscription was not disposed.");
        Assert.Equal(2, deployment.Threads.Count);
        Assert.Empty(StillRunning(deployment.Threads));
    }

    /// <summary>The names of the threads still alive once all have had <see cref="WaitLimit"/> in total to end.</summary>
    private static List<string?> StillRunning(IEnumerable<Thread> threads)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        return threads.Where(t => !t.Join(TimeSpan.FromTicks(Math.Max(0, (deadline - DateTime.UtcNow).Ticks)))).Select(t => t.Name).ToList();
    }

    private sealed class ThrowingSource(Exception failure) : IObservable<StreamElement<int>>
    {
        public IDisposable Subscribe(IObserver<StreamElement<int>> observer) => throw failure;
    }

    /// <summary>Pushes ascending integers from a thread of its own until its subscription is disposed.</summary>
    private sealed class EndlessSource
    {
        public ManualResetEventSlim Disposed { get; } = new();

        public IObservable<StreamElement<int>> Stream => Observable.Create<int>(observer =>
            {
                var cancel = new BooleanDisposable();
                new Thread(() =>
                {
                    for (var i = 0; !cancel.IsDisposed; i++)
                    {
                        observer.OnNext(i);
                    }
                }) { IsBackground = true, Name = "endless source" }.Start();
                return Disposable.Create(() =>
                {
                    cancel.Dispose();
                    Disposed.Set();
                });
            })
            .WithEventTime(i => (long)i, WatermarkStrategy.ForMonotonousTimestamps());
    }
}
