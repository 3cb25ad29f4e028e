using System.Collections.Generic;

namespace RxStreams.Joins;

/// <summary>One key's buffered records of an interval join, each side in arrival order, and the expiry queued for each side.</summary>
internal sealed class JoinBuffers<TLeft, TRight>
{
    public readonly List<Record<TLeft>> Left = new();
    public readonly List<Record<TRight>> Right = new();

    /// <summary>The expiry time queued for each side, or <see cref="long.MaxValue"/> when none is queued.</summary>
    public long LeftExpiry = long.MaxValue;
    public long RightExpiry = long.MaxValue;
}
