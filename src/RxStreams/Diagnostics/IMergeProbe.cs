namespace RxStreams.Diagnostics;

/// <summary>What a running merge (<c>Union</c>) shows a <see cref="WindowExplainer"/>: its watermark valve.</summary>
internal interface IMergeProbe
{
    /// <summary>The output watermark: the minimum over the active, aligned inputs.</summary>
    long Watermark { get; }

    /// <summary>The state of every input, in the order of the merge's inputs.</summary>
    MergeChannel[] Channels();
}

/// <summary>One input of a merge as its valve sees it.</summary>
/// <param name="Watermark">The input's latest watermark (<see cref="RxStreams.Watermark.MaxValue"/> once it completed).</param>
/// <param name="IsIdle">True while the input is marked idle.</param>
/// <param name="IsAligned">False while an input back from idleness is still behind the output, so it does not count yet.</param>
internal readonly record struct MergeChannel(long Watermark, bool IsIdle, bool IsAligned)
{
    /// <summary>True when the input takes part in the minimum.</summary>
    public bool Counts => !IsIdle && IsAligned;
}
