using System;
using System.Collections.Generic;

namespace RxStreams;

/// <summary>Why a window operator's earliest waiting window has not fired: the input that holds the watermark back.</summary>
/// <param name="Operator">The window operator's node id.</param>
/// <param name="Window">Its earliest window waiting to fire.</param>
/// <param name="Needs">The watermark that fires it (its end).</param>
/// <param name="Watermark">The operator's watermark now, below <paramref name="Needs"/>.</param>
/// <param name="Path">Node ids from the window operator up to <paramref name="Input"/>, following the lowest input at each merge.</param>
/// <param name="Input">The node id of the input that holds the watermark back: a source, or the input of a merge that carries its own watermarks.</param>
/// <param name="Reason">Why that input holds it back.</param>
/// <param name="WatermarkIfIdle">
/// For a silent input or one without records: the operator's watermark if the input were marked idle (so merges
/// followed their other inputs); null when that would not move it (no other input).
/// </param>
/// <param name="BoundToFire">For <see cref="HoldReason.Bound"/>: the largest out-of-orderness bound that fires the window now.</param>
/// <param name="Suggestions">What would release the window, as sentences.</param>
public sealed record WatermarkHold(
    int Operator,
    TimeWindow Window,
    long Needs,
    long Watermark,
    IReadOnlyList<int> Path,
    int Input,
    HoldReason Reason,
    long? WatermarkIfIdle,
    TimeSpan? BoundToFire,
    IReadOnlyList<string> Suggestions);
