using System;

namespace RxStreams.State;

/// <summary>What a keyed operator needs of each of its states, whatever their value type and backend.</summary>
internal interface IStateTable
{
    /// <summary>The declaration the state was created from.</summary>
    StateDescriptor Descriptor { get; }

    /// <summary>The per-key value type the table holds.</summary>
    Type ValueType { get; }

    /// <summary>How many keys hold this state.</summary>
    int Count { get; }

    /// <summary>Frees every key whose state expired at <paramref name="now"/>; returns how many.</summary>
    /// <param name="now">The current time on the state's time-to-live clock.</param>
    int CleanUp(long now);
}

/// <summary>What a keyed operator's checkpoints need of each of its states.</summary>
internal interface IStateTable<TKey> : IStateTable
    where TKey : notnull
{
    /// <summary>The state's kind, serializer and time-to-live flag, compared at restore: <c>value state i64 ttl</c>.</summary>
    string Schema { get; }

    /// <summary>Resolves the value serializer; throws a <see cref="StateSerializationException"/> naming the state and operator when there is none.</summary>
    void PrepareSerializer(string operatorName);

    /// <summary>
    /// Captures every key's value (and last access, with a time to live) as of now, to be written as section
    /// <paramref name="section"/> later, off the operator's thread.
    /// </summary>
    ICapturedTable<TKey> Capture(string section);

    /// <summary>Reads one section that <see cref="Capture"/> wrote (by any backend) for key group <paramref name="keyGroup"/> into the table.</summary>
    void ReadSection(ref StateReader reader, int keyGroup, IStateSerializer<TKey> keys);
}
