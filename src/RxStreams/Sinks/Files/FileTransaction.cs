using System.Collections.Generic;

namespace RxStreams.Sinks;

/// <summary>One checkpoint's worth of a file sink's output: the parts it rolled, and the one still open.</summary>
internal sealed class FileTransaction
{
    /// <summary>The final names of the closed parts, in order.</summary>
    public List<string> Parts { get; } = [];

    /// <summary>The part being written, if any.</summary>
    public PartFile? Current { get; set; }
}
