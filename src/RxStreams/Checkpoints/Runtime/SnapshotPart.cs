using System;
using System.Collections.Generic;

namespace RxStreams.Checkpoints;

/// <summary>What one participant contributes to a checkpoint: keyed state by key group, its own non-keyed state, and the schema of both.</summary>
internal sealed class SnapshotPart
{
    /// <summary>An operator with nothing to keep (its presence still tells a restore that the operator existed).</summary>
    public static SnapshotPart Empty => new();

    /// <summary>Keyed state, one entry per non-empty key group.</summary>
    public List<KeyGroupState> KeyGroups { get; } = [];

    /// <summary>The participant's non-keyed state (a source's position, an operator's watermark), or empty.</summary>
    public ReadOnlyMemory<byte> OperatorState { get; set; }

    /// <summary>The shared files the participant's state references (an incremental checkpoint), with content when new.</summary>
    public List<SharedStateFile> SharedFiles { get; } = [];

    /// <summary>State name → serializer id and version, checked at restore.</summary>
    public Dictionary<string, string> Schema { get; } = new(StringComparer.Ordinal);
}
