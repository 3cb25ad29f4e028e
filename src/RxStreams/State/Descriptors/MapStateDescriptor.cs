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

    /// <summary>Reads the map values from checkpoints that hold them as another type (see <see cref="StateMigration.From"/>).</summary>
    public IReadOnlyList<StateMigration<TUserValue>> Migrations { get; init; } = [];

    internal override State.ISectionMigration? FindMigration(string written)
    {
        var keys = KeySerializer ?? State.StateSerializers.Get<TUserKey>();
        return State.SectionMigrations.Find<StateMigration<TUserValue>, Dictionary<TUserKey, TUserValue>?>(
            this,
            written,
            Migrations,
            m => m.WrittenMapPart(keys),
            m => (ref State.StateReader reader) => m.ReadMap(ref reader, keys, Comparer),
            () => KeySerializer is null && ValueSerializer is null
                ? State.StateSerializers.Get<Dictionary<TUserKey, TUserValue>?>()
                : new State.DictionarySerializer<TUserKey, TUserValue>(keys, ValueSerializer ?? State.StateSerializers.Get<TUserValue>()));
    }

    internal override string Kind => "map state";
}
