using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using RxStreams.Joins;
using RxStreams.Keyed.Aggregates;

namespace RxStreams.State;

/// <summary>Finds the built-in serializer of a type: a primitive, an enum, or a composite of supported parts.</summary>
internal static class BuiltInSerializers
{
    private static readonly Dictionary<Type, string> Composites = new()
    {
        [typeof(Nullable<>)] = nameof(CompositeSerializers.Nullable),
        [typeof(List<>)] = nameof(CompositeSerializers.List),
        [typeof(Dictionary<,>)] = nameof(CompositeSerializers.Dictionary),
        [typeof(ValueTuple<,>)] = nameof(CompositeSerializers.Tuple),
        [typeof(ValueTuple<,,>)] = nameof(CompositeSerializers.Tuple),
        [typeof(ValueTuple<,,,>)] = nameof(CompositeSerializers.Tuple),
        [typeof(KeyValuePair<,>)] = nameof(CompositeSerializers.KeyValuePair),
        [typeof(Keyed<,>)] = nameof(CompositeSerializers.Keyed),
        [typeof(Record<>)] = nameof(CompositeSerializers.Record),

        // The accumulators of the built-in aggregations, so built-in windows and rolling aggregates need no registration.
        [typeof(AverageAccumulator<>)] = nameof(CompositeSerializers.Average),
        [typeof(ReduceAccumulator<>)] = nameof(CompositeSerializers.Reduce),
        [typeof(ExtremumAccumulator<,>)] = nameof(CompositeSerializers.Extremum),

        // The records a window join buffers.
        [typeof(JoinInput<,>)] = nameof(CompositeSerializers.JoinInput),
    };

    /// <summary>The built-in serializer of <paramref name="type"/>, or null when it has none.</summary>
    /// <param name="type">The type.</param>
    /// <param name="part">Resolves the serializer of a part (element, key, item); throws when the part has none.</param>
    public static object? TryCreate(Type type, Func<Type, object> part)
    {
        if (PrimitiveSerializers.ByType.TryGetValue(type, out var primitive))
        {
            return primitive;
        }

        if (type.IsEnum)
        {
            return Activator.CreateInstance(typeof(EnumSerializer<>).MakeGenericType(type));
        }

        if (type.IsSZArray)
        {
            return Compose(nameof(CompositeSerializers.Array), [type.GetElementType()!], part);
        }

        return type.IsGenericType && Composites.TryGetValue(type.GetGenericTypeDefinition(), out var factory)
            ? Compose(factory, type.GetGenericArguments(), part)
            : null;
    }

    private static object Compose(string factory, Type[] parts, Func<Type, object> part)
    {
        var method = typeof(CompositeSerializers)
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == factory && m.GetGenericArguments().Length == parts.Length);
        var arguments = parts.Select(part).ToArray();
        return method.MakeGenericMethod(parts).Invoke(null, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;
    }
}
