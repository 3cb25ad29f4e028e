namespace RxStreams.Nexmark;

/// <summary>A person who registered to sell or bid (Nexmark's <c>Person</c>).</summary>
/// <param name="Id">The person's id; the first one is <see cref="NexmarkGenerator.FirstPersonId"/>.</param>
/// <param name="Name">First and last name.</param>
/// <param name="EmailAddress">The e-mail address.</param>
/// <param name="CreditCard">A credit-card number, four groups of four digits.</param>
/// <param name="City">A US city.</param>
/// <param name="State">A US state code: AZ, CA, ID, OR, WA or WY.</param>
/// <param name="DateTime">The event time, milliseconds since the Unix epoch.</param>
/// <param name="Extra">Padding, as in the standard generator.</param>
public sealed record Person(long Id, string Name, string EmailAddress, string CreditCard, string City, string State, long DateTime, string Extra);
