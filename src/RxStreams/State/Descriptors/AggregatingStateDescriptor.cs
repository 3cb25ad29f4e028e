using System;

namespace RxStreams;

/// <summary>
/// Declares an <see cref="AggregatingState{TIn, TOut}"/>: one accumulator per key, fed by an
/// <see cref="IAggregateFunction{T, TAcc, TResult}"/> (the one windows use).
/// </summary>
/// <typeparam name="TIn">The added value type.</typeparam>
/// <typeparam name="TAcc">The accumulator type.</typeparam>
/// <typeparam name="TOut">The result type.</typeparam>
public sealed class AggregatingStateDescriptor<TIn, TAcc, TOut> : StateDescriptor
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="name">The state's name, unique within its operator.</param>
    /// <param name="function">Creates, updates and reads the accumulator.</param>
    public AggregatingStateDescriptor(string name, IAggregateFunction<TIn, TAcc, TOut> function)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(function);
        Function = function;
    }

    /// <summary>Creates, updates and reads the accumulator.</summary>
    public IAggregateFunction<TIn, TAcc, TOut> Function { get; }

    /// <summary>How checkpoints write the accumulator; null takes the one <see cref="State.StateSerializers"/> gives for <typeparamref name="TAcc"/>.</summary>
    public State.IStateSerializer<TAcc>? AccumulatorSerializer { get; init; }

    /// <summary>Reads the accumulators from checkpoints that hold them as another type (see <see cref="StateMigration.From"/>).</summary>
    public System.Collections.Generic.IReadOnlyList<StateMigration<TAcc>> Migrations { get; init; } = [];

    internal override State.ISectionMigration? FindMigration(string written) =>
        State.SectionMigrations.Find(this, written, Migrations, m => m.WrittenPart, m => m.Read, () => AccumulatorSerializer ?? State.StateSerializers.Get<TAcc>());

    internal override string Kind => "aggregating state";
}
