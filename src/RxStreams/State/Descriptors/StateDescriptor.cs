using System;

namespace RxStreams;

/// <summary>
/// Declares a named state of a process function (Flink's <c>StateDescriptor</c>). The name identifies the state within
/// its operator, in checkpoints too, so keep it stable.
/// </summary>
public abstract class StateDescriptor
{
    /// <summary>Creates a descriptor.</summary>
    /// <param name="name">The state's name, unique within its operator.</param>
    private protected StateDescriptor(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The state's name, unique within its operator.</summary>
    public string Name { get; }

    /// <summary>The state's time to live; null (the default) keeps it until cleared.</summary>
    public StateTtlConfig? Ttl { get; init; }

    /// <summary>The migration that reads a checkpoint's section written as <paramref name="written"/>, if one of the descriptor's migrations matches it.</summary>
    internal virtual State.ISectionMigration? FindMigration(string written) => null;

    /// <summary>What kind of state this declares, for messages.</summary>
    internal abstract string Kind { get; }
}
