using System;
using System.Collections.Generic;

namespace RxStreams;

/// <summary>Declares a <see cref="ReducingState{T}"/>: one value per key that every added value is reduced into.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class ReducingStateDescriptor<T> : StateDescriptor
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="name">The state's name, unique within its operator.</param>
    /// <param name="reduce">Combines the current value with an added one.</param>
    public ReducingStateDescriptor(string name, Func<T, T, T> reduce)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(reduce);
        Reduce = reduce;
    }

    /// <summary>Combines the current value with an added one.</summary>
    public Func<T, T, T> Reduce { get; }

    /// <summary>How checkpoints write the value; null takes the one <see cref="State.StateSerializers"/> gives for <typeparamref name="T"/>.</summary>
    public State.IStateSerializer<T>? Serializer { get; init; }

    /// <summary>Reads the state from checkpoints that hold it as another type (see <see cref="StateMigration.From"/>).</summary>
    public IReadOnlyList<StateMigration<T>> Migrations { get; init; } = [];

    internal override State.ISectionMigration? FindMigration(string written) =>
        State.SectionMigrations.Find(this, written, Migrations, m => m.WrittenPart, m => m.Read, () => Serializer ?? State.StateSerializers.Get<T>());

    internal override string Kind => "reducing state";
}
