namespace RxStreams;

/// <summary>One input of an operator.</summary>
/// <param name="Id">The upstream operator's node id.</param>
/// <param name="Watermark">The input's watermark as this operator sees it; null when unknown.</param>
/// <param name="IsIdle">True while the input is marked idle (it does not hold a merge back).</param>
/// <param name="HoldsBack">True for the input whose watermark is the operator's: the lowest of the inputs that count.</param>
public sealed record InputExplanation(int Id, long? Watermark, bool IsIdle, bool HoldsBack);
