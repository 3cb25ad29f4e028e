using System;
using RxStreams.State;

namespace RxStreams;

/// <summary>
/// Reads state that a checkpoint wrote as another type and converts it (Flink's state schema migration): give it to a
/// state descriptor's <c>Migrations</c>, and a restore whose checkpoint holds that state in the old type reads it with
/// the old type's serializer and converts every value. Without a matching migration a changed state type fails the
/// restore naming the state, as before.
/// </summary>
/// <typeparam name="T">The type the state holds now: the value, the accumulator, a list's element or a map's value.</typeparam>
public abstract class StateMigration<T>
{
    private protected StateMigration()
    {
    }

    /// <summary>The serializer id the old values were written with (<see cref="IStateSerializer{T}.Id"/>, with <c>@version</c> when not 1).</summary>
    internal abstract string WrittenPart { get; }

    /// <summary>Reads one old value and converts it.</summary>
    internal abstract T Read(ref StateReader reader);

    /// <summary>The list format of the old element type.</summary>
    internal abstract string WrittenListPart { get; }

    /// <summary>Reads an old list and converts its elements.</summary>
    internal abstract System.Collections.Generic.List<T>? ReadList(ref StateReader reader);

    /// <summary>The map format of the old value type with <paramref name="keys"/>.</summary>
    internal abstract string WrittenMapPart<TMapKey>(IStateSerializer<TMapKey> keys)
        where TMapKey : notnull;

    /// <summary>Reads an old map and converts its values.</summary>
    internal abstract System.Collections.Generic.Dictionary<TMapKey, T>? ReadMap<TMapKey>(
        ref StateReader reader, IStateSerializer<TMapKey> keys, System.Collections.Generic.IEqualityComparer<TMapKey> comparer)
        where TMapKey : notnull;
}

/// <summary>Creates <see cref="StateMigration{T}"/>s.</summary>
public static class StateMigration
{
    /// <summary>
    /// Reads values written as <typeparamref name="TOld"/> and converts each with <paramref name="convert"/>: for a
    /// <c>ValueStateDescriptor&lt;long&gt;</c> that held <c>int</c>s, <c>StateMigration.From&lt;int, long&gt;(v =&gt; v)</c>.
    /// A list state converts its elements, a map state its values, an aggregating state its accumulator.
    /// </summary>
    /// <typeparam name="TOld">The type the checkpoint holds.</typeparam>
    /// <typeparam name="TNew">The type the state holds now.</typeparam>
    /// <param name="convert">Converts one old value; an exception fails the restore, naming the state.</param>
    /// <param name="writtenWith">The serializer the old values were written with; null takes the one <see cref="StateSerializers"/> gives for <typeparamref name="TOld"/>.</param>
    public static StateMigration<TNew> From<TOld, TNew>(Func<TOld, TNew> convert, IStateSerializer<TOld>? writtenWith = null)
    {
        ArgumentNullException.ThrowIfNull(convert);
        return new ConvertingMigration<TOld, TNew>(convert, writtenWith);
    }
}
