namespace RxStreams;

/// <summary>Declares a <see cref="ListState{T}"/>: a list of values per key.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="name">The state's name, unique within its operator.</param>
public sealed class ListStateDescriptor<T>(string name) : StateDescriptor(name)
{
    /// <summary>How checkpoints write an element; null takes the one <see cref="State.StateSerializers"/> gives for <typeparamref name="T"/>.</summary>
    public State.IStateSerializer<T>? ElementSerializer { get; init; }

    internal override string Kind => "list state";
}
