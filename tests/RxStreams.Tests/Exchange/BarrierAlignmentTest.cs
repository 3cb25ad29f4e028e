using System.Reactive.Linq;
using System.Threading;
using RxStreams.Testing;

namespace RxStreams.Tests.Exchange;

[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class BarrierAlignmentTest
{
    [Fact]
    public void AnExchangeConsumerForwardsABarrierOnceEveryChannelHasItAndHoldsWhatFollowsIt()
    {
        for (var run = 0; run < 20; run++)
        {
            var output = new List<string>();
            using var done = new ManualResetEventSlim();
            using var _ = ParallelStream.FromPartitions(
                    StreamDescription.Parse("a@1 B1 b@2 W10").ToObservable(),
                    StreamDescription.Parse("c@3 d@4 B1 e@5 W10").ToObservable())
                .PartitionByKey(v => "one", parallelism: 1)
                .Merge()
                .Subscribe(e => { lock (output) { output.Add(e.ToString()); } }, _ => done.Set(), done.Set);
            Assert.True(done.Wait(TimeSpan.FromSeconds(30)));

            Assert.Single(output, "B1");
            var barrier = output.IndexOf("B1");
            Assert.All(new[] { "a@1", "c@3", "d@4" }, before => Assert.InRange(output.IndexOf(before), 0, barrier - 1));
            Assert.All(new[] { "b@2", "e@5" }, after => Assert.True(output.IndexOf(after) > barrier, string.Join(" ", output)));
        }
    }
}
