using System.Reactive.Linq;
using RxStreams;
using RxStreams.Testing;

namespace RxStreams.Tests.Time;

public class EmitEveryTest
{
    private static string Run(WatermarkStrategy strategy, params long[] timestamps)
    {
        var output = new List<StreamElement<long>>();
        timestamps.ToObservable().WithEventTime(t => t, strategy).Subscribe(output.Add);
        return StreamDescription.Format(output);
    }

    [Fact]
    public void TheWatermarkIsDecidedEveryNRecords() =>
        Assert.Equal(
            "1@1 5@5 3@3 W3 9@9 8@8 10@10 W8 12@12 Wmax",
            Run(WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(2)).WithEmitEvery(3), 1, 5, 3, 9, 8, 10, 12));

    [Fact]
    public void EveryRecordIsTheDefault() =>
        Assert.Equal(
            "1@1 W-1 5@5 W3 3@3 9@9 W7 Wmax",
            Run(WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(2)), 1, 5, 3, 9));

    [Fact]
    public void EmitEveryAppliesToPunctuatedGeneratorsToo() =>
        Assert.Equal(
            "1@1 2@2 W2 3@3 4@4 W4 Wmax",
            Run(WatermarkStrategy.ForGenerator(() => new LastTimestamp()).WithEmitEvery(2), 1, 2, 3, 4));

    [Fact]
    public void EmitEveryNeedsAtLeastOneRecord() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WatermarkStrategy.ForMonotonousTimestamps().WithEmitEvery(0));

    private sealed class LastTimestamp : IWatermarkGenerator<long>
    {
        private long _last = long.MinValue;

        public void OnEvent(long value, long timestamp, IWatermarkOutput output) => _last = timestamp;

        public void OnPeriodicEmit(IWatermarkOutput output) => output.EmitWatermark(_last);
    }
}
