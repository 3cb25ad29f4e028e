using System;
using System.Reactive.Linq;

namespace RxStreams.Nexmark.Queries;

/// <summary>An auction's winning bid: the intermediate result of q4.</summary>
/// <param name="Auction">The auction's id.</param>
/// <param name="Category">The auction's category.</param>
/// <param name="Price">The closing price: the highest bid placed while the auction was open.</param>
public readonly record struct ClosingPrice(long Auction, long Category, long Price) : IFingerprint
{
    /// <inheritdoc />
    public long Fingerprint() => Mix.Of(Auction, Category, Price);
}

/// <summary>The average closing price of a category so far: the output of q4.</summary>
/// <param name="Category">The category.</param>
/// <param name="Average">The mean of the closing prices of the category's closed auctions, in cents.</param>
public readonly record struct CategoryAverage(long Category, double Average) : IFingerprint
{
    /// <inheritdoc />
    public long Fingerprint() => Mix.Of(Category, BitConverter.DoubleToInt64Bits(Average));
}

/// <summary>A bid joined with the auction it is for.</summary>
/// <param name="Auction">The auction.</param>
/// <param name="Bid">The bid.</param>
public readonly record struct AuctionBid(Auction Auction, Bid Bid);

/// <summary>
/// Nexmark q4, average closing price per category. An auction's winning bid is its highest bid with
/// <c>auction.DateTime ≤ bid.DateTime ≤ auction.Expires</c> (event time, both ends included, as the standard SQL's
/// <c>BETWEEN</c>); auctions without such a bid have no closing price. When an auction closes (the watermark passes
/// <c>Expires</c>) its closing price is emitted, and the category's running average over all its closed auctions is
/// updated and emitted. The last average of each category is the query's answer.
/// </summary>
public static class Q4AverageClosingPrice
{
    /// <summary>
    /// The closing price of each auction with bids, emitted when the watermark passes its expiry: an interval join of
    /// auctions with the bids up to <paramref name="maxAuctionLength"/> after them, restricted to the auction's own
    /// expiry, then per auction a session window that every joined bid opens up to <c>Expires + 1 ms</c>, so that the
    /// auction's bids merge into one window that fires exactly when no bid for it can come any more; <c>MaxBy</c> picks the winner.
    /// </summary>
    /// <param name="events">The event-time stream of all events.</param>
    /// <param name="maxAuctionLength">The longest <c>Expires − DateTime</c> of any auction (the generator's <see cref="GeneratorConfig.MaxAuctionLength"/>).</param>
    public static IObservable<StreamElement<ClosingPrice>> ClosingPrices(IObservable<StreamElement<Event>> events, TimeSpan maxAuctionLength) =>
        events.Publish(shared =>
        {
            var auctions = from e in shared
                           where e.Kind == EventKind.Auction
                           select e.Auction!;
            var bids = from e in shared
                       where e.Kind == EventKind.Bid
                       select e.Bid;
            return auctions
                .IntervalJoin(bids, auction => auction.Id, bid => bid.Auction, TimeSpan.Zero, maxAuctionLength, (auction, bid) => new AuctionBid(auction, bid))
                .Where(pair => pair.Bid.DateTime <= pair.Auction.Expires)
                .KeyBy(pair => pair.Auction.Id)
                .Window(EventTimeSessionWindows.WithDynamicGap<AuctionBid>(pair => TimeSpan.FromMilliseconds(pair.Auction.Expires + 1 - pair.Bid.DateTime)))
                .MaxBy(pair => pair.Bid.Price)
                .Select(r => new ClosingPrice(r.Key, r.Value.Auction.Category, r.Value.Bid.Price));
        });

    /// <summary>On RxStreams: the closing prices, keyed by category, with a rolling average.</summary>
    /// <param name="events">The event-time stream of all events.</param>
    /// <param name="maxAuctionLength">The longest <c>Expires − DateTime</c> of any auction.</param>
    public static IObservable<StreamElement<CategoryAverage>> RxStreams(IObservable<StreamElement<Event>> events, TimeSpan maxAuctionLength) =>
        ClosingPrices(events, maxAuctionLength)
            .KeyBy(closing => closing.Category)
            .Average(closing => closing.Price)
            .Select(average => new CategoryAverage(average.Key, average.Value));
}
