namespace RxStreams.Nexmark;

/// <summary>An item put up for auction (Nexmark's <c>Auction</c>).</summary>
/// <param name="Id">The auction's id; the first one is <see cref="NexmarkGenerator.FirstAuctionId"/>.</param>
/// <param name="ItemName">The item's name.</param>
/// <param name="Description">The item's description.</param>
/// <param name="InitialBid">The opening price in cents.</param>
/// <param name="Reserve">The reserve price in cents, above the initial bid.</param>
/// <param name="DateTime">The event time of the auction's creation, milliseconds since the Unix epoch.</param>
/// <param name="Expires">When the auction closes, in event time: bids up to and including this time count.</param>
/// <param name="Seller">The person selling.</param>
/// <param name="Category">The item's category, from <see cref="NexmarkGenerator.FirstCategoryId"/> on.</param>
/// <param name="Extra">Padding, as in the standard generator.</param>
public sealed record Auction(
    long Id, string ItemName, string Description, long InitialBid, long Reserve, long DateTime, long Expires, long Seller, long Category, string Extra);
