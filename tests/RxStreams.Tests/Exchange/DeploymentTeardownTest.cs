using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Threading;
using RxStreams;
using RxStreams.Exchanges;
using static RxStreams.Tests.Exchange.ExchangeTestSupport;

namespace RxStreams.Tests.Exchange;

/// <summary>
/// A deployment that fails in its source's Subscribe is torn down whole: the caller gets the exception and every task
/// thread ends.
/// </summary>
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
}
