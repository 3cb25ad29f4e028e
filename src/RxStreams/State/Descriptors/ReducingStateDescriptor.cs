using System;

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

    internal override string Kind => "reducing state";
}
