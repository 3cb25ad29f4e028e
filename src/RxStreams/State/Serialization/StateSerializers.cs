using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RxStreams.State;

/// <summary>
/// The serializer of each state type, like Flink's type serializers. Built in: the primitives, <see cref="string"/>,
/// <see cref="Guid"/>, date and time types, enums, <c>byte[]</c>, <see cref="Nullable{T}"/>, value tuples of 2–4
/// items, <see cref="KeyValuePair{TKey, TValue}"/>, arrays, <see cref="List{T}"/>, <see cref="Dictionary{TKey, TValue}"/>,
/// <see cref="System.Reactive.Unit"/>, <see cref="Keyed{TKey, TValue}"/> and <see cref="Record{T}"/>, each composite
/// made of its parts' serializers. Types marked <c>[MemoryPackable]</c> go through MemoryPack. Serializers given to
/// <see cref="Register{T}"/> win over all of these. Thread-safe.
/// </summary>
public static class StateSerializers
{
    private const string NotSupported = "is not a built-in type, has no registered serializer and is not [MemoryPackable]";

    private static readonly object Gate = new();
    private static readonly Dictionary<Type, object> Resolved = [];

    /// <summary>The serializer of <typeparamref name="T"/>, made once and cached.</summary>
    /// <typeparam name="T">The state type.</typeparam>
    /// <exception cref="StateSerializationException">
    /// <typeparamref name="T"/>, or a part of it, has no serializer; the message says which and how to fix it.
    /// </exception>
    public static IStateSerializer<T> Get<T>() => Slot<T>.Value ?? Resolve<T>(null);

    /// <summary>
    /// As <see cref="Get{T}()"/>, with <paramref name="where"/> (for example <c>state 'count' of operator 'Process#1'</c>)
    /// in the message when there is none: resolves and validates in one step.
    /// </summary>
    internal static IStateSerializer<T> Get<T>(string where) => Slot<T>.Value ?? Resolve<T>(where);

    /// <summary>The serializer of <typeparamref name="T"/>, when there is one.</summary>
    /// <typeparam name="T">The state type.</typeparam>
    /// <param name="serializer">The serializer, or null.</param>
    /// <returns>False when <typeparamref name="T"/>, or a part of it, has no serializer.</returns>
    public static bool TryGet<T>([NotNullWhen(true)] out IStateSerializer<T>? serializer)
    {
        serializer = Slot<T>.Value;
        if (serializer is not null)
        {
            return true;
        }

        lock (Gate)
        {
            try
            {
                serializer = (IStateSerializer<T>)ResolveLocked(typeof(T));
                Slot<T>.Value = serializer;
                return true;
            }
            catch (UnsupportedStateTypeException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="serializer"/> the serializer of <typeparamref name="T"/>, also inside composites
    /// (<c>List&lt;T&gt;</c>, tuples, …), in place of any built-in one. Register at start-up: once the serializer of
    /// <typeparamref name="T"/> has been handed out, replacing it would leave composites with the old one.
    /// </summary>
    /// <typeparam name="T">The state type.</typeparam>
    /// <param name="serializer">The serializer.</param>
    /// <exception cref="InvalidOperationException">Another serializer of <typeparamref name="T"/> is already in use.</exception>
    public static void Register<T>(IStateSerializer<T> serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        lock (Gate)
        {
            if (Resolved.TryGetValue(typeof(T), out var existing) && !ReferenceEquals(existing, serializer))
            {
                throw new InvalidOperationException(
                    $"The state serializer of '{TypeNames.Of(typeof(T))}' is already in use ('{((IStateSerializer<T>)existing).Id}'): " +
                    "register serializers before the first use of the type or of a composite that contains it.");
            }

            Resolved[typeof(T)] = serializer;
            Slot<T>.Value = serializer;
        }
    }

    /// <summary>
    /// <c>id@version</c> of <paramref name="serializer"/>, the form a checkpoint's schema records for each state so
    /// that a restore can tell whether the bytes are in the format it expects.
    /// </summary>
    /// <typeparam name="T">The state type.</typeparam>
    /// <param name="serializer">The serializer.</param>
    public static string SchemaOf<T>(IStateSerializer<T> serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        return serializer.Id + "@" + serializer.Version.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Checks, before a job runs, that <typeparamref name="T"/> can be checkpointed.</summary>
    /// <typeparam name="T">The state type.</typeparam>
    /// <param name="where">The state it is for, for example <c>state 'count' of operator 'Process#1'</c>.</param>
    /// <exception cref="StateSerializationException">It cannot; the message names the type, <paramref name="where"/> and the fix.</exception>
    public static void Validate<T>(string where)
    {
        ArgumentException.ThrowIfNullOrEmpty(where);
        Resolve<T>(where);
    }

    /// <summary>Checks, before a job runs, that <paramref name="type"/> can be checkpointed.</summary>
    /// <param name="type">The state type.</param>
    /// <param name="where">The state it is for, for example <c>state 'count' of operator 'Process#1'</c>.</param>
    /// <exception cref="StateSerializationException">It cannot; the message names the type, <paramref name="where"/> and the fix.</exception>
    public static void Validate(Type type, string where)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(where);
        lock (Gate)
        {
            try
            {
                ResolveLocked(type);
            }
            catch (UnsupportedStateTypeException e)
            {
                throw Describe(type, e, where);
            }
        }
    }

    private static IStateSerializer<T> Resolve<T>(string? where)
    {
        lock (Gate)
        {
            try
            {
                var serializer = (IStateSerializer<T>)ResolveLocked(typeof(T));
                Slot<T>.Value = serializer;
                return serializer;
            }
            catch (UnsupportedStateTypeException e)
            {
                throw Describe(typeof(T), e, where);
            }
        }
    }

    private static object ResolveLocked(Type type)
    {
        if (Resolved.TryGetValue(type, out var serializer))
        {
            return serializer;
        }

        if (type.ContainsGenericParameters || type.IsPointer || type.IsByRef || type.IsByRefLike)
        {
            throw new UnsupportedStateTypeException(type, "is an open generic, pointer or by-ref type, which cannot be state");
        }

        serializer = BuiltInSerializers.TryCreate(type, ResolveLocked)
            ?? MemoryPackSupport.TryCreate(type)
            ?? throw new UnsupportedStateTypeException(type, NotSupported);
        Resolved[type] = serializer;
        return serializer;
    }

    private static StateSerializationException Describe(Type requested, UnsupportedStateTypeException e, string? where)
    {
        var name = TypeNames.Of(requested);
        var part = TypeNames.Of(e.UnsupportedType);
        var head = where is null ? $"No state serializer for type '{name}'" : $"No state serializer for {where}, of type '{name}'";
        var detail = e.UnsupportedType == requested ? $"'{part}' {e.Message}" : $"it contains '{part}', which {e.Message}";
        return new StateSerializationException(
            $"{head}: {detail}. Fix: register one with StateSerializers.Register<{part}>(serializer) before the first use, " +
            $"or mark '{part}' [MemoryPackable] (a partial type, with the MemoryPack package referenced).",
            requested,
            where);
    }

    private static class Slot<T>
    {
        public static volatile IStateSerializer<T>? Value;
    }
}
