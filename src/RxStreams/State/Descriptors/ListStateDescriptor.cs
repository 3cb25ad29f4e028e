namespace RxStreams;

/// <summary>Declares a <see cref="ListState{T}"/>: a list of values per key.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="name">The state's name, unique within its operator.</param>
public sealed class ListStateDescriptor<T>(string name) : StateDescriptor(name)
{
    /// <summary>How checkpoints write an element; null takes the one <see cref="State.StateSerializers"/> gives for <typeparamref name="T"/>.</summary>
    public State.IStateSerializer<T>? ElementSerializer { get; init; }

    /// <summary>Reads the elements from checkpoints that hold them as another type (see <see cref="StateMigration.From"/>).</summary>
    public System.Collections.Generic.IReadOnlyList<StateMigration<T>> Migrations { get; init; } = [];

    internal override State.ISectionMigration? FindMigration(string written) =>
        State.SectionMigrations.Find<StateMigration<T>, System.Collections.Generic.List<T>?>(
            this,
            written,
            Migrations,
            m => m.WrittenListPart,
            m => m.ReadList,
            () => ElementSerializer is { } element ? new State.ListSerializer<T>(element) : State.StateSerializers.Get<System.Collections.Generic.List<T>?>());

    internal override string Kind => "list state";
}
