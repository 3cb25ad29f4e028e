using RxStreams.Nexmark;

namespace RxStreams.Tests.Nexmark;

/// <summary>The generator: deterministic, the standard mix and fields, time at the configured rate and bounded disorder.</summary>
public class NexmarkGeneratorTest
{
    private static readonly GeneratorConfig Config = new() { Seed = 11, EventsPerSecond = 1_000, MaxOutOfOrderness = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public void The_same_seed_gives_the_same_events_and_another_seed_others()
    {
        var a = NexmarkGenerator.Generate(5_000, Config).Select(e => e.ToString()).ToList();
        var b = NexmarkGenerator.Generate(5_000, Config).Select(e => e.ToString()).ToList();
        var c = NexmarkGenerator.Generate(5_000, Config with { Seed = 12 }).Select(e => e.ToString()).ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void One_person_three_auctions_and_forty_six_bids_in_every_fifty_events()
    {
        var events = NexmarkGenerator.Generate(5_000, Config);

        for (var n = 0; n < events.Length; n++)
        {
            var expected = (n % 50) switch
            {
                0 => EventKind.Person,
                < 4 => EventKind.Auction,
                _ => EventKind.Bid,
            };
            Assert.Equal(expected, events[n].Kind);
        }

        Assert.Equal(100, events.Count(e => e.Kind == EventKind.Person));
        Assert.Equal(300, events.Count(e => e.Kind == EventKind.Auction));
        Assert.Equal(4_600, events.Count(e => e.Kind == EventKind.Bid));
    }

    [Fact]
    public void Ids_are_dense_and_bids_name_recent_auctions_and_people()
    {
        var events = NexmarkGenerator.Generate(5_000, Config);

        Assert.Equal(Enumerable.Range(1000, 100).Select(i => (long)i), events.Where(e => e.Kind == EventKind.Person).Select(e => e.Person!.Id));
        Assert.Equal(Enumerable.Range(1000, 300).Select(i => (long)i), events.Where(e => e.Kind == EventKind.Auction).Select(e => e.Auction!.Id));
        long lastPerson = 0, lastAuction = 0;
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case EventKind.Person:
                    lastPerson = e.Person!.Id;
                    break;
                case EventKind.Auction:
                    lastAuction = e.Auction!.Id;
                    Assert.InRange(e.Auction.Seller, 1000, lastPerson + 10);
                    break;
                default:
                    Assert.InRange(e.Bid.Auction, Math.Max(1000, lastAuction - 100), lastAuction + 10);
                    Assert.InRange(e.Bid.Bidder, 1000, lastPerson + 10);
                    break;
            }
        }

        // Half of the bids go to the hot auction: the most frequent auction of a stretch has far more than its share.
        var top = events.Take(2_500).Where(e => e.Kind == EventKind.Bid).GroupBy(e => e.Bid.Auction).Max(g => g.Count());
        Assert.True(top > 500, $"hot auction has {top} bids");
    }

    [Fact]
    public void Fields_are_in_their_standard_ranges()
    {
        var events = NexmarkGenerator.Generate(5_000, Config);
        var average = Config.AverageAuctionLengthMs;

        foreach (var person in events.Where(e => e.Kind == EventKind.Person).Select(e => e.Person!))
        {
            Assert.Contains(person.State, NexmarkGenerator.States);
            Assert.Matches(@"^\w+ \w+$", person.Name);
            Assert.Matches(@"^\d{4} \d{4} \d{4} \d{4}$", person.CreditCard);
            Assert.Contains("@", person.EmailAddress);
            Assert.NotEmpty(person.City);
        }

        foreach (var auction in events.Where(e => e.Kind == EventKind.Auction).Select(e => e.Auction!))
        {
            Assert.InRange(auction.Category, 10, 14);
            Assert.InRange(auction.Expires - auction.DateTime, average / 2, (long)Config.MaxAuctionLength.TotalMilliseconds);
            Assert.True(auction.Reserve > auction.InitialBid);
            Assert.NotEmpty(auction.ItemName);
        }

        foreach (var bid in events.Where(e => e.Kind == EventKind.Bid).Select(e => e.Bid))
        {
            Assert.InRange(bid.Price, 100, 100_000_000);
            Assert.NotEmpty(bid.Channel);
            Assert.StartsWith("https://www.nexmark.com/", bid.Url);
            Assert.NotNull(bid.Extra);
        }

        Assert.Equal(5, events.Where(e => e.Kind == EventKind.Auction).Select(e => e.Auction!.Category).Distinct().Count());
        Assert.Equal(6, events.Where(e => e.Kind == EventKind.Person).Select(e => e.Person!.State).Distinct().Count());
    }

    [Fact]
    public void Event_time_advances_at_the_configured_rate_out_of_order_within_the_bound()
    {
        var events = NexmarkGenerator.Generate(5_000, Config);
        var bound = Config.MaxOutOfOrdernessMs;
        var max = long.MinValue;
        var outOfOrder = 0;

        for (var n = 0; n < events.Length; n++)
        {
            var time = events[n].DateTime;
            var inOrder = Config.BaseTime + n;  // 1,000 events per second: one per millisecond
            Assert.Equal(inOrder, NexmarkGenerator.InOrderTime(n, Config));
            Assert.InRange(time, inOrder - bound, inOrder);
            Assert.True(n == 0 || time >= max - bound, $"event {n} at {time} is more than {bound} ms behind {max}");
            outOfOrder += time < max ? 1 : 0;
            max = Math.Max(max, time);
        }

        Assert.True(outOfOrder > events.Length / 2, "most events are out of order with a 200 ms jitter at 1 event/ms");
    }

    [Fact]
    public void A_watermark_with_the_generators_bound_makes_no_event_late()
    {
        var events = NexmarkGenerator.Generate(5_000, Config);
        var late = new SideOutput<Record<Event>>("late");
        var records = 0;

        Sources.FromArray(events)
            .WithNexmarkEventTime(Config.MaxOutOfOrderness)
            .DivertLate(late)
            .Subscribe(e => records += e.IsRecord ? 1 : 0);

        Assert.Equal(0, late.Count);
        Assert.Equal(events.Length, records);
    }
}
