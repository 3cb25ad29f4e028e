using RxStreams;
using RxStreams.Testing;

namespace RxStreams.Tests.Ingestion;

public class FromArrayTest
{
    [Fact]
    public void PushesEveryItemInOrderDuringSubscribeThenCompletes()
    {
        var seen = new List<string>();
        using (RxStreams.Sources.FromArray(new[] { 3, 1, 2 }).Subscribe(x => seen.Add(x.ToString()), () => seen.Add("|")))
        {
            Assert.Equal(["3", "1", "2", "|"], seen);
        }
    }

    [Fact]
    public void FeedsEventTimePipelines()
    {
        var output = new List<StreamElement<long>>();
        RxStreams.Sources.FromArray(new long[] { 1, 4, 2 })
            .WithEventTime(t => t, WatermarkStrategy.ForMonotonousTimestamps())
            .Subscribe(output.Add);
        Assert.Equal("1@1 W1 4@4 W4 2@2 Wmax", StreamDescription.Format(output));
    }

    [Fact]
    public void ANullArrayIsAnError() =>
        Assert.Equal("items", Assert.Throws<ArgumentNullException>(() => RxStreams.Sources.FromArray<int>(null!)).ParamName);
}
