using System;

namespace RxStreams.State;

/// <summary>What a keyed operator needs of each of its heap states, whatever their value type.</summary>
internal interface IHeapStateTable
{
    /// <summary>The declaration the state was created from.</summary>
    StateDescriptor Descriptor { get; }

    /// <summary>The per-key value type the table holds.</summary>
    Type ValueType { get; }

    /// <summary>The clock of the state's time to live; null without one.</summary>
    TimeDomain? TtlDomain { get; }

    /// <summary>How many keys hold this state.</summary>
    int Count { get; }

    /// <summary>Frees every key whose state expired at <paramref name="now"/>; returns how many.</summary>
    /// <param name="now">The current time on the state's time-to-live clock.</param>
    int CleanUp(long now);
}
