using System.Collections.Generic;

namespace RxStreams;

/// <summary>Declares a <see cref="MapState{TUserKey, TUserValue}"/>: a map per key.</summary>
/// <typeparam name="TUserKey">The map's key type.</typeparam>
/// <typeparam name="TUserValue">The map's value type.</typeparam>
/// <param name="name">The state's name, unique within its operator.</param>
/// <param name="comparer">How the map's keys compare; the default comparer when null.</param>
public sealed class MapStateDescriptor<TUserKey, TUserValue>(string name, IEqualityComparer<TUserKey>? comparer = null) : StateDescriptor(name)
    where TUserKey : notnull
{
    /// <summary>How the map's keys compare.</summary>
    public IEqualityComparer<TUserKey> Comparer { get; } = comparer ?? EqualityComparer<TUserKey>.Default;

    /// <summary>How checkpoints write a map key; null takes the one <see cref="State.StateSerializers"/> gives.</summary>
    public State.IStateSerializer<TUserKey>? KeySerializer { get; init; }

    /// <summary>How checkpoints write a map value; null takes the one <see cref="State.StateSerializers"/> gives.</summary>
    public State.IStateSerializer<TUserValue>? ValueSerializer { get; init; }

    internal override string Kind => "map state";
}
