using System.Diagnostics;
using System.Threading;

namespace RxStreams.Tests.Checkpoints.Parallel;

/// <summary>
/// A slow consumer behind full exchange buffers (Flink users' most repeated checkpoint pain: barriers stuck behind the
/// queued records until the checkpoint times out). Aligned, the barrier waits behind seconds of queued records and the
/// checkpoint times out; unaligned, the task takes it between two records, with the queued records as its state.
/// Real threads and a real clock, with wide margins: about 4 s of queued records against a 1 s timeout.
/// </summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class BackpressureCheckpointTest
{
    [Fact]
    public void UnderBackpressureUnalignedCheckpointsCompleteWhereAlignedOnesTimeOut()
    {
        var aligned = RunUntilDecided(unaligned: false);
        Assert.Equal(0, aligned.Completed);
        Assert.True(aligned.Failed >= 1);
        Assert.IsType<TimeoutException>(aligned.LastFailure);

        var unaligned = RunUntilDecided(unaligned: true);
        Assert.Equal(0, unaligned.Failed);
        Assert.True(unaligned.Completed >= 2, unaligned.ToString());
        Assert.True(unaligned.LastSize > 4 * 1000, $"the checkpoint should hold the queued records: {unaligned}");
    }

    private static CheckpointStatistics RunUntilDecided(bool unaligned)
    {
        var numbers = Enumerable.Range(0, 200_000).ToList();
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(numbers, "numbers")
                .WithEventTime(n => n, WatermarkStrategy.ForMonotonousTimestamps())
                .PartitionByKey(n => n % 8, 2, new ExchangeOptions { Capacity = 4096 })
                .Apply(s => s.Select(n =>
                {
                    Thread.Sleep(1); // a slow consumer: about 1 ms per record
                    return n;
                }).KeyBy(n => n % 8).Count())
                .Merge(),
            new CheckpointOptions { Interval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(1), Unaligned = unaligned });
        var clock = Stopwatch.StartNew();
        using (job.Subscribe(_ => { }))
        {
            while (job.Checkpoints.Completed < 2 && job.Checkpoints.Failed == 0 && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(10);
            }
        }

        return job.Checkpoints;
    }
}
