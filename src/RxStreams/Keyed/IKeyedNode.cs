namespace RxStreams.Keyed;

/// <summary>An operator that keeps state per key, and how it compares keys (for checks of key partitioning).</summary>
internal interface IKeyedNode
{
    /// <summary>The operator's name.</summary>
    string Name { get; }

    /// <summary>The key comparer, or null when the key type's default equality is used.</summary>
    object? CustomComparer { get; }
}
