using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using MemoryPack;

namespace RxStreams.State;

/// <summary>Decides whether MemoryPack can serialize a type, and makes the serializer when it can.</summary>
internal static class MemoryPackSupport
{
    private static readonly MethodInfo IsRegistered =
        typeof(MemoryPackFormatterProvider).GetMethod(nameof(MemoryPackFormatterProvider.IsRegistered))!;

    /// <summary>
    /// A <see cref="MemoryPackStateSerializer{T}"/> for <paramref name="type"/> when it is <c>[MemoryPackable]</c> (or
    /// has a formatter registered with MemoryPack by hand); otherwise null.
    /// </summary>
    /// <exception cref="UnsupportedStateTypeException">The type is marked but MemoryPack has no formatter for it.</exception>
    public static object? TryCreate(Type type)
    {
        var marked = type.IsDefined(typeof(MemoryPackableAttribute), inherit: false) || typeof(IMemoryPackFormatterRegister).IsAssignableFrom(type);
        if (marked)
        {
            // The generated static constructor registers the formatter; nothing may have touched the type yet.
            RuntimeHelpers.RunClassConstructor(type.TypeHandle);
        }

        if ((bool)IsRegistered.MakeGenericMethod(type).Invoke(null, null)!)
        {
            var serializer = Activator.CreateInstance(typeof(MemoryPackStateSerializer<>).MakeGenericType(type))!;
            // MemoryPack also reports as registered a type it once failed on (its cache then holds a formatter that
            // always throws), so an unmarked type must prove it can be written before it is accepted.
            if (marked || ((IMemoryPackProbe)serializer).CanWriteDefault())
            {
                return serializer;
            }
        }

        return marked
            ? throw new UnsupportedStateTypeException(type,
                "is marked [MemoryPackable] but MemoryPack has no formatter for it: declare it partial and reference the MemoryPack package so its source generator runs")
            : null;
    }
}
