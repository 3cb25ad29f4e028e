using RxStreams.Nexmark;
using RxStreams.Nexmark.Queries;

namespace RxStreams.Tests.Nexmark;

/// <summary>
/// The queries computed offline, in plain C# over the whole list of events: no streams, no watermarks, no windows
/// operator; each query's definition applied directly. The streaming versions must give exactly these results.
/// </summary>
public static class NexmarkReference
{
    public static List<Bid> Bids(IEnumerable<Event> events) => events.Where(e => e.Kind == EventKind.Bid).Select(e => e.Bid).ToList();

    public static List<Bid> Q0(IEnumerable<Event> events) => Bids(events);

    public static List<Bid> Q1(IEnumerable<Event> events) =>
        Bids(events).Select(b => new Bid(b.Auction, b.Bidder, (long)Math.Floor(b.Price * 0.908m), b.Channel, b.Url, b.DateTime, b.Extra)).ToList();

    public static List<AuctionPrice> Q2(IEnumerable<Event> events) =>
        Bids(events).Where(b => b.Auction % 123 == 0).Select(b => new AuctionPrice(b.Auction, b.Price)).ToList();

    public static List<LocalItem> Q3(IEnumerable<Event> events)
    {
        var list = events.ToList();
        var persons = list.Where(e => e.Kind == EventKind.Person).Select(e => e.Person!).Where(p => p.State is "OR" or "ID" or "CA");
        var auctions = list.Where(e => e.Kind == EventKind.Auction).Select(e => e.Auction!).Where(a => a.Category == 10).ToList();
        return (from p in persons
                from a in auctions
                where a.Seller == p.Id
                select new LocalItem(p.Name, p.City, p.State, a.Id)).ToList();
    }

    public static List<ClosingPrice> Q4ClosingPrices(IEnumerable<Event> events)
    {
        var list = events.ToList();
        var bidsByAuction = Bids(list).ToLookup(b => b.Auction);
        var results = new List<ClosingPrice>();
        foreach (var auction in list.Where(e => e.Kind == EventKind.Auction).Select(e => e.Auction!))
        {
            var valid = bidsByAuction[auction.Id].Where(b => b.DateTime >= auction.DateTime && b.DateTime <= auction.Expires).ToList();
            if (valid.Count > 0)
            {
                results.Add(new ClosingPrice(auction.Id, auction.Category, valid.Max(b => b.Price)));
            }
        }

        return results;
    }

    public static Dictionary<long, double> Q4FinalAverages(IEnumerable<Event> events) =>
        Q4ClosingPrices(events).GroupBy(c => c.Category).ToDictionary(g => g.Key, g => (double)g.Sum(c => c.Price) / g.Count());

    public static List<HotItem> Q5(IEnumerable<Event> events)
    {
        const long size = 10_000, slide = 2_000;
        var bids = Bids(events);
        var first = bids.Min(b => b.DateTime);
        var last = bids.Max(b => b.DateTime);
        var results = new List<HotItem>();
        for (var start = FloorTo(first, slide) - size + slide; start <= last; start += slide)
        {
            var inWindow = bids.Where(b => b.DateTime >= start && b.DateTime < start + size).ToList();
            if (inWindow.Count == 0)
            {
                continue;
            }

            var top = inWindow.GroupBy(b => b.Auction)
                .Select(g => (Auction: g.Key, Count: (long)g.Count()))
                .OrderByDescending(x => x.Count).ThenBy(x => x.Auction)
                .First();
            results.Add(new HotItem(start, start + size, top.Auction, top.Count));
        }

        return results;
    }

    public static List<HighestBid> Q7(IEnumerable<Event> events)
    {
        const long size = 10_000;
        return Bids(events)
            .Select((bid, arrival) => (bid, arrival))
            .GroupBy(x => FloorTo(x.bid.DateTime, size))
            .Select(g => new HighestBid(g.Key, g.Key + size, g.OrderByDescending(x => x.bid.Price).ThenBy(x => x.arrival).First().bid))
            .ToList();
    }

    public static List<NewSeller> Q8(IEnumerable<Event> events)
    {
        const long size = 10_000;
        var list = events.ToList();
        var sold = list.Where(e => e.Kind == EventKind.Auction).Select(e => (e.Auction!.Seller, Window: FloorTo(e.Auction.DateTime, size))).ToHashSet();
        return list.Where(e => e.Kind == EventKind.Person)
            .Select(e => e.Person!)
            .Where(p => sold.Contains((p.Id, FloorTo(p.DateTime, size))))
            .Select(p => new NewSeller(p.Id, p.Name, FloorTo(p.DateTime, size)))
            .ToList();
    }

    public static List<UserSession> Q11(IEnumerable<Event> events)
    {
        const long gap = 10_000;
        var results = new List<UserSession>();
        foreach (var bidder in Bids(events).GroupBy(b => b.Bidder))
        {
            var times = bidder.Select(b => b.DateTime).Order().ToList();
            long start = times[0], end = times[0] + gap, count = 0;
            foreach (var t in times)
            {
                if (t > end)
                {
                    results.Add(new UserSession(bidder.Key, count, start, end));
                    start = t;
                    count = 0;
                }

                end = Math.Max(end, t + gap);
                count++;
            }

            results.Add(new UserSession(bidder.Key, count, start, end));
        }

        return results;
    }

    /// <summary>The start of the aligned window of <paramref name="size"/> containing <paramref name="time"/> (times here are positive).</summary>
    public static long FloorTo(long time, long size) => time - (time % size);
}
