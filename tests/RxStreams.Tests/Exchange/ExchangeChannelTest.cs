using RxStreams;
using RxStreams.Exchanges;

namespace RxStreams.Tests.Exchange;

/// <summary>
/// One channel driven by hand, without the periodic flusher: the test is the consumer, and takes exactly what the
/// producer has published, so overflow is decided by the channel alone and every outcome is exact.
/// </summary>
public class ExchangeChannelTest
{
    private const int Capacity = 16;

    private readonly struct ListSink(List<int> taken) : IChannelSink<int>
    {
        public void OnElement(int channel, StreamElement<int> element, long position) => taken.Add(element.Value);
    }

    private readonly struct SpanSink(List<int[]> spans) : IChannelSpanSink<int>
    {
        public void OnElements(int channel, ReadOnlySpan<StreamElement<int>> elements)
        {
            var values = new int[elements.Length];
            for (var i = 0; i < elements.Length; i++)
            {
                values[i] = elements[i].Value;
            }

            spans.Add(values);
        }
    }

    [Fact]
    public void DrainSpansHandsTheRingOverInTwoSpansWhereItWrapsAndThenReleasesTheRoom()
    {
        var channel = Channel(OverflowPolicy.Block);
        var spans = new List<int[]>();
        var sink = new SpanSink(spans);
        for (var i = 0; i < 10; i++)
        {
            channel.Write(StreamElement.Record(i, (long)i));
        }

        channel.Flush();
        Assert.Equal(10, channel.DrainSpans(ref sink, 0, 256));
        for (var i = 10; i < 20; i++)
        {
            channel.Write(StreamElement.Record(i, (long)i));
        }

        channel.Flush();
        Assert.Equal(10, channel.DrainSpans(ref sink, 0, 256));

        // Slots 10..15, then 0..3 of the 16-slot ring.
        Assert.Equal([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [10, 11, 12, 13, 14, 15], [16, 17, 18, 19]], spans);
        Assert.Equal(0, channel.Occupancy);
        Assert.Equal(0, channel.DrainSpans(ref sink, 0, 256));
    }

    private static ExchangeChannel<int> Channel(OverflowPolicy policy) =>
        new("test edge", Capacity, policy, new TaskSignal(), periodicFlush: false);

    private static void TakeAllPublished(ExchangeChannel<int> channel, List<int> taken)
    {
        var sink = new ListSink(taken);
        while (channel.Drain(ref sink, 0, 256) > 0)
        {
        }
    }

    [Theory]
    [InlineData(OverflowPolicy.DropNewest)]
    [InlineData(OverflowPolicy.Fail)]
    public void AConsumerThatTakesEveryPublishedGroupSeesNothingDroppedOrFailed(OverflowPolicy policy)
    {
        // The consumer is never behind: after every write it takes whatever the producer has published.
        var channel = Channel(policy);
        var taken = new List<int>();
        for (var i = 0; i < 1_000; i++)
        {
            channel.Write(StreamElement.Record(i, (long)i));
            TakeAllPublished(channel, taken);
        }

        channel.Complete(null);
        TakeAllPublished(channel, taken);
        Assert.Equal(Enumerable.Range(0, 1_000), taken);
        Assert.Equal(0, channel.Dropped);
    }

    [Fact]
    public void AProducerPublishesBeforeTheRingIsFull()
    {
        // Groups are at most half the ring, so an idle consumer always sees records before the producer runs out of room.
        var channel = Channel(OverflowPolicy.DropNewest);
        var taken = new List<int>();
        for (var i = 0; i < Capacity / 2; i++)
        {
            TakeAllPublished(channel, taken);
            Assert.Empty(taken);
            channel.Write(StreamElement.Record(i, (long)i));
        }

        TakeAllPublished(channel, taken);
        Assert.Equal(Enumerable.Range(0, Capacity / 2), taken);
    }

    [Fact]
    public void DropNewestDropsExactlyWhatDoesNotFitBehindABlockedConsumer()
    {
        var channel = Channel(OverflowPolicy.DropNewest);
        for (var i = 0; i < 100; i++)
        {
            channel.Write(StreamElement.Record(i, (long)i));
        }

        Assert.Equal(100 - Capacity, channel.Dropped);
        channel.Complete(null);
        var taken = new List<int>();
        TakeAllPublished(channel, taken);
        Assert.Equal(Enumerable.Range(0, Capacity), taken);
    }

    [Fact]
    public void FailThrowsOnTheFirstRecordThatDoesNotFitBehindABlockedConsumer()
    {
        var channel = Channel(OverflowPolicy.Fail);
        for (var i = 0; i < Capacity; i++)
        {
            channel.Write(StreamElement.Record(i, (long)i));
        }

        var overflow = Assert.Throws<ExchangeOverflowException>(() => channel.Write(StreamElement.Record(Capacity, (long)Capacity)));
        Assert.Equal("test edge", overflow.Edge);
        Assert.Equal(Capacity, overflow.Capacity);
    }
}
