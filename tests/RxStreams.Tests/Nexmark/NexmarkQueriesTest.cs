using RxStreams.Nexmark;
using RxStreams.Nexmark.Queries;

namespace RxStreams.Tests.Nexmark;

/// <summary>
/// Every Nexmark query, on RxStreams and (for q0, q1, q2, q5, q7) in plain Rx.NET and as a hand-written loop, gives
/// exactly the results of the offline reference on small generated streams.
/// </summary>
public class NexmarkQueriesTest
{
    [Theory]
    [MemberData(nameof(NexmarkTestData.Cases), MemberType = typeof(NexmarkTestData))]
    public void Q0_pass_through(string name)
    {
        var data = NexmarkTestData.Get(name);
        var expected = NexmarkReference.Q0(data.Events);
        var sink = new ListSink<Bid>();
        Q0PassThrough.Loop(data.Events, ref sink);

        // Stateless: the order is the arrival order in every version.
        Assert.Equal(expected, data.RunRxStreams(Q0PassThrough.RxStreams));
        Assert.Equal(expected, data.RunPlainRx(Q0PassThrough.PlainRx));
        Assert.Equal(expected, sink.Results);
        Assert.Equal(data.Events.Length * 46 / 50, expected.Count);
    }

    [Theory]
    [MemberData(nameof(NexmarkTestData.Cases), MemberType = typeof(NexmarkTestData))]
    public void Q1_currency_conversion(string name)
    {
        var data = NexmarkTestData.Get(name);
        var expected = NexmarkReference.Q1(data.Events);
        var sink = new ListSink<Bid>();
        Q1CurrencyConversion.Loop(data.Events, ref sink);

        Assert.Equal(expected, data.RunRxStreams(Q1CurrencyConversion.RxStreams));
        Assert.Equal(expected, data.RunPlainRx(Q1CurrencyConversion.PlainRx));
        Assert.Equal(expected, sink.Results);
        Assert.Contains(expected, b => b.Price != NexmarkReference.Q0(data.Events).First(o => o.DateTime == b.DateTime && o.Auction == b.Auction && o.Bidder == b.Bidder).Price);
    }

    [Theory]
    [MemberData(nameof(NexmarkTestData.Cases), MemberType = typeof(NexmarkTestData))]
    public void Q2_selection(string name)
    {
        var data = NexmarkTestData.Get(name);
        var expected = NexmarkReference.Q2(data.Events);
        var sink = new ListSink<AuctionPrice>();
        Q2Selection.Loop(data.Events, ref sink);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, data.RunRxStreams(Q2Selection.RxStreams));
        Assert.Equal(expected, data.RunPlainRx(Q2Selection.PlainRx));
        Assert.Equal(expected, sink.Results);
    }

    [Theory]
    [MemberData(nameof(NexmarkTestData.Cases), MemberType = typeof(NexmarkTestData))]
    public void Q3_local_item_suggestion(string name)
    {
        var data = NexmarkTestData.Get(name);
        ResultAssert.SameMultiset(NexmarkReference.Q3(data.Events), data.RunRxStreams(Q3LocalItemSuggestion.RxStreams), atLeast: 10);
    }

    [Theory]
    [MemberData(nameof(NexmarkTestData.Cases), MemberType = typeof(NexmarkTestData))]
    public void Q4_closing_prices(string name)
    {
        var data = NexmarkTestData.Get(name);
        var maxLength = data.Config.MaxAuctionLength;
        ResultAssert.SameMultiset(
            NexmarkReference.Q4ClosingPrices(data.Events),
            data.RunRxStreams(events => Q4AverageClosingPrice.ClosingPrices(events, maxLength)),
            atLeast: 50);
    }

    [Theory]
    [MemberData(nameof(NexmarkTestData.Cases), MemberType = typeof(NexmarkTestData))]
    public void Q4_average_closing_price_per_category(string name)
    {
        var data = NexmarkTestData.Get(name);
        var maxLength = data.Config.MaxAuctionLength;
        var averages = data.RunRxStreams(events => Q4AverageClosingPrice.RxStreams(events, maxLength));

        // One update per closed auction with a closing price; the last update of each category is the answer.
        Assert.Equal(NexmarkReference.Q4ClosingPrices(data.Events).Count, averages.Count);
        var final = new Dictionary<long, double>();
        foreach (var average in averages)
        {
            final[average.Category] = average.Average;
        }

        var expected = NexmarkReference.Q4FinalAverages(data.Events);
        Assert.Equal(NexmarkGenerator.Categories, expected.Count);
        Assert.Equal(expected.OrderBy(p => p.Key), final.OrderBy(p => p.Key));
    }

    [Theory]
    [MemberData(nameof(NexmarkTestData.Cases), MemberType = typeof(NexmarkTestData))]
    public void Q5_hot_items(string name)
    {
        var data = NexmarkTestData.Get(name);
        var bound = data.Config.MaxOutOfOrderness;
        var expected = NexmarkReference.Q5(data.Events);
        var sink = new ListSink<HotItem>();
        Q5HotItems.Loop(data.Events, bound, ref sink);

        ResultAssert.SameMultiset(expected, data.RunRxStreams(Q5HotItems.RxStreams), atLeast: 10);
        ResultAssert.SameMultiset(expected, data.RunPlainRx(events => Q5HotItems.PlainRx(events, bound)), atLeast: 10);
        ResultAssert.SameMultiset(expected, sink.Results, atLeast: 10);
    }

    [Theory]
    [MemberData(nameof(NexmarkTestData.Cases), MemberType = typeof(NexmarkTestData))]
    public void Q5_emits_windows_in_event_time_order(string name)
    {
        var data = NexmarkTestData.Get(name);
        var windows = data.RunRxStreams(Q5HotItems.RxStreams).Select(r => r.WindowStart).ToList();

        Assert.Equal(NexmarkReference.Q5(data.Events).Select(r => r.WindowStart).Order(), windows);
    }

    [Theory]
    [MemberData(nameof(NexmarkTestData.Cases), MemberType = typeof(NexmarkTestData))]
    public void Q7_highest_bid(string name)
    {
        var data = NexmarkTestData.Get(name);
        var bound = data.Config.MaxOutOfOrderness;
        var expected = NexmarkReference.Q7(data.Events);
        var sink = new ListSink<HighestBid>();
        Q7HighestBid.Loop(data.Events, bound, ref sink);

        ResultAssert.SameMultiset(expected, data.RunRxStreams(Q7HighestBid.RxStreams), atLeast: 4);
        ResultAssert.SameMultiset(expected, data.RunPlainRx(events => Q7HighestBid.PlainRx(events, bound)), atLeast: 4);
        ResultAssert.SameMultiset(expected, sink.Results, atLeast: 4);
    }

    [Theory]
    [MemberData(nameof(NexmarkTestData.Cases), MemberType = typeof(NexmarkTestData))]
    public void Q8_new_users(string name)
    {
        var data = NexmarkTestData.Get(name);
        ResultAssert.SameMultiset(NexmarkReference.Q8(data.Events), data.RunRxStreams(Q8NewUsers.RxStreams), atLeast: 10);
    }

    [Theory]
    [MemberData(nameof(NexmarkTestData.Cases), MemberType = typeof(NexmarkTestData))]
    public void Q11_user_sessions(string name)
    {
        var data = NexmarkTestData.Get(name);
        var expected = NexmarkReference.Q11(data.Events);

        ResultAssert.SameMultiset(expected, data.RunRxStreams(Q11UserSessions.RxStreams), atLeast: 50);
        Assert.Contains(expected, s => s.Bids > 1);
        Assert.True(expected.GroupBy(s => s.Bidder).Any(g => g.Count() > 1), "some bidder should have several sessions");
    }
}
