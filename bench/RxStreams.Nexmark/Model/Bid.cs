namespace RxStreams.Nexmark;

/// <summary>
/// A bid on an auction (Nexmark's <c>Bid</c>). A value type, so that stateless queries copy it instead of allocating.
/// </summary>
/// <param name="Auction">The auction bid on.</param>
/// <param name="Bidder">The person bidding.</param>
/// <param name="Price">The price in cents.</param>
/// <param name="Channel">Where the bid came from.</param>
/// <param name="Url">The page the bid was placed on.</param>
/// <param name="DateTime">The event time, milliseconds since the Unix epoch.</param>
/// <param name="Extra">Padding, as in the standard generator.</param>
public readonly record struct Bid(long Auction, long Bidder, long Price, string Channel, string Url, long DateTime, string Extra) : IFingerprint
{
    /// <inheritdoc />
    public long Fingerprint() => Mix.Of(Auction, Bidder, Price, DateTime);
}
