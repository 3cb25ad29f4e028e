using System;

namespace RxStreams.Nexmark;

/// <summary>
/// Settings of the <see cref="NexmarkGenerator"/>. The defaults follow the standard Nexmark generator (Beam's
/// <c>NexmarkConfiguration</c>): 10,000 events per second of event time, 1,000 active people, 100 auctions in flight,
/// half of the bids on a hot auction and three quarters of the auctions and bids by hot sellers and bidders.
/// </summary>
public sealed record GeneratorConfig
{
    /// <summary>The seed: the same seed and settings give the same events, on every machine.</summary>
    public ulong Seed { get; init; } = 20261125;

    /// <summary>How fast event time advances: events per second of event time (before the out-of-order jitter).</summary>
    public int EventsPerSecond { get; init; } = 10_000;

    /// <summary>
    /// Each event's time is its in-order time minus a jitter drawn uniformly from [0, this]. A watermark trailing the
    /// newest timestamp by this bound therefore never makes an event late.
    /// </summary>
    public TimeSpan MaxOutOfOrderness { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The in-order time of the first event, milliseconds since the Unix epoch (a multiple of 60 s by default).</summary>
    public long BaseTime { get; init; } = 1_700_000_040_000;

    /// <summary>Bids and auctions pick their (non-hot) person among this many most recent people.</summary>
    public int ActivePeople { get; init; } = 1_000;

    /// <summary>Non-hot bids pick their auction among this many most recent auctions; also sets the auction length.</summary>
    public int InFlightAuctions { get; init; } = 100;

    /// <summary>1 − 1/ratio of the bids go to the hot auction (the first of the latest 100 auctions).</summary>
    public int HotAuctionRatio { get; init; } = 2;

    /// <summary>1 − 1/ratio of the auctions are created by the hot seller.</summary>
    public int HotSellerRatio { get; init; } = 4;

    /// <summary>1 − 1/ratio of the bids are placed by the hot bidder.</summary>
    public int HotBidderRatio { get; init; } = 4;

    /// <summary>The out-of-orderness bound in milliseconds.</summary>
    public long MaxOutOfOrdernessMs => MaxOutOfOrderness.Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>
    /// The mean auction length in milliseconds: the event time in which <see cref="InFlightAuctions"/> auctions are
    /// created, so that about that many are open at any time (as in the standard generator); at least 2 ms.
    /// </summary>
    public long AverageAuctionLengthMs =>
        Math.Max(2, InFlightAuctions * (long)NexmarkGenerator.TotalProportion * 1000 / (NexmarkGenerator.AuctionProportion * (long)EventsPerSecond));

    /// <summary>The longest an auction runs (<c>Expires − DateTime</c>): 1.5 × the mean. Auction lengths are uniform in [0.5, 1.5] × the mean.</summary>
    public TimeSpan MaxAuctionLength => TimeSpan.FromMilliseconds(AverageAuctionLengthMs / 2 + AverageAuctionLengthMs);

    /// <summary>Throws for settings the generator cannot honour.</summary>
    public void Validate()
    {
        if (EventsPerSecond < 1 || EventsPerSecond > 1_000_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(EventsPerSecond), EventsPerSecond, "Between 1 and 10^9 events per second.");
        }

        if (MaxOutOfOrderness < TimeSpan.Zero || ActivePeople < 1 || InFlightAuctions < 1 || HotAuctionRatio < 1 || HotSellerRatio < 1 || HotBidderRatio < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOutOfOrderness), "The out-of-orderness must not be negative, and counts and ratios must be at least 1.");
        }
    }
}
