using System;
using System.Linq;

namespace RxStreams.State;

/// <summary>Type names as C# writes them (<c>System.Collections.Generic.List&lt;Shop.Order&gt;</c>), for ids and messages.</summary>
internal static class TypeNames
{
    public static string Of(Type type)
    {
        if (type.IsArray)
        {
            return Of(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return (type.FullName ?? type.Name).Replace('+', '.');
        }

        var definition = type.GetGenericTypeDefinition();
        var name = definition.FullName ?? definition.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        return name.Replace('+', '.') + "<" + string.Join(",", type.GetGenericArguments().Select(Of)) + ">";
    }
}
