namespace RxStreams;

/// <summary>Declares a <see cref="ValueState{T}"/>: one value per key.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="name">The state's name, unique within its operator.</param>
/// <param name="defaultValue">What <see cref="ValueState{T}.Value"/> returns for a key without a value.</param>
public sealed class ValueStateDescriptor<T>(string name, T defaultValue = default!) : StateDescriptor(name)
{
    /// <summary>What <see cref="ValueState{T}.Value"/> returns for a key without a value.</summary>
    public T DefaultValue { get; } = defaultValue;

    /// <summary>How checkpoints write the value; null takes the one <see cref="State.StateSerializers"/> gives for <typeparamref name="T"/>.</summary>
    public State.IStateSerializer<T>? Serializer { get; init; }

    /// <summary>Reads the state from checkpoints that hold it as another type (see <see cref="StateMigration.From"/>).</summary>
    public System.Collections.Generic.IReadOnlyList<StateMigration<T>> Migrations { get; init; } = [];

    internal override State.ISectionMigration? FindMigration(string written) =>
        State.SectionMigrations.Find(this, written, Migrations, m => m.WrittenPart, m => m.Read, () => Serializer ?? State.StateSerializers.Get<T>());

    internal override string Kind => "value state";
}
