using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.Data.Analysis;
using RxStreams.Interactive.Rendering;

namespace RxStreams.Interactive.DataFrames;

/// <summary>
/// Builds typed <see cref="DataFrameColumn"/>s from values: numbers, booleans and <see cref="DateTime"/> keep their
/// type, everything else becomes text. A value with public properties or fields (a record, a tuple, an anonymous type)
/// is spread into one column per member.
/// </summary>
internal static class DataFrameColumns
{
    /// <summary>The columns for <paramref name="values"/> of static type <paramref name="type"/>, named from <paramref name="name"/>.</summary>
    public static IEnumerable<DataFrameColumn> Spread(string name, Type type, IReadOnlyList<object?> values)
    {
        if (IsScalar(type))
        {
            yield return Column(name, type, values);
            yield break;
        }

        var members = Members(type);
        if (members.Count == 0)
        {
            yield return Column(name, typeof(string), values);
            yield break;
        }

        foreach (var (memberName, memberType, read) in members)
        {
            yield return Column(memberName, memberType, values.Select(v => v is null ? null : read(v)).ToArray());
        }
    }

    /// <summary>One column of the given element type.</summary>
    public static DataFrameColumn Column(string name, Type type, IReadOnlyList<object?> values)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t switch
        {
            _ when t == typeof(long) => Primitive<long>(name, values),
            _ when t == typeof(int) => Primitive<int>(name, values),
            _ when t == typeof(short) => Primitive<short>(name, values),
            _ when t == typeof(byte) => Primitive<byte>(name, values),
            _ when t == typeof(double) => Primitive<double>(name, values),
            _ when t == typeof(float) => Primitive<float>(name, values),
            _ when t == typeof(decimal) => Primitive<decimal>(name, values),
            _ when t == typeof(bool) => Primitive<bool>(name, values),
            _ when t == typeof(DateTime) => Primitive<DateTime>(name, values),
            _ => new StringDataFrameColumn(name, values.Select(v => v is null ? null : Markup.Text(v))),
        };
    }

    /// <summary>Event times as a column: UTC <see cref="DateTime"/>s when <paramref name="dates"/>, else milliseconds.</summary>
    public static DataFrameColumn Times(string name, IReadOnlyList<long> timestamps, bool dates) => dates
        ? new PrimitiveDataFrameColumn<DateTime>(name, timestamps.Select(t => EventTime.ToDateTimeOffset(t).UtcDateTime))
        : new PrimitiveDataFrameColumn<long>(name, timestamps);

    private static PrimitiveDataFrameColumn<T> Primitive<T>(string name, IReadOnlyList<object?> values)
        where T : unmanaged =>
        new(name, values.Select(v => v is null ? (T?)null : (T)v));

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime) ||
               t == typeof(DateTimeOffset) || t == typeof(TimeSpan) || t == typeof(Guid) || t == typeof(object);
    }

    private static List<(string Name, Type Type, Func<object, object?> Read)> Members(Type type)
    {
        var members = new List<(string, Type, Func<object, object?>)>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.CanRead && property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract")
            {
                members.Add((property.Name, property.PropertyType, property.GetValue));
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            members.Add((field.Name, field.FieldType, field.GetValue));
        }

        return members;
    }
}
