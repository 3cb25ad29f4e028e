using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace RxStreams.Analyzers;

/// <summary>Recognizes event-time streams (types that implement <c>IObservable&lt;StreamElement&lt;T&gt;&gt;</c>) and RxStreams' operators on them.</summary>
internal static class EventTimeStreams
{
    /// <summary>The metadata name of RxStreams' element type.</summary>
    public const string StreamElementName = "RxStreams.StreamElement`1";

    /// <summary>The record type <c>T</c> when <paramref name="type"/> implements <c>IObservable&lt;StreamElement&lt;T&gt;&gt;</c>; otherwise null.</summary>
    public static ITypeSymbol? RecordType(ITypeSymbol type, INamedTypeSymbol streamElement)
    {
        if (Element(type, streamElement) is { } own)
        {
            return own;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (Element(candidate, streamElement) is { } record)
            {
                return record;
            }
        }

        return null;
    }

    /// <summary>The names of RxStreams' public extension methods on event-time streams (Count, Take, Select, Union, ...).</summary>
    public static ImmutableHashSet<string> OperatorNames(INamedTypeSymbol streamElement)
    {
        var names = ImmutableHashSet.CreateBuilder<string>();
        var pending = new Stack<INamespaceSymbol>();
        pending.Push(streamElement.ContainingNamespace);
        while (pending.Count > 0)
        {
            var space = pending.Pop();
            foreach (var nested in space.GetNamespaceMembers())
            {
                pending.Push(nested);
            }

            foreach (var type in space.GetTypeMembers())
            {
                if (!type.IsStatic || type.DeclaredAccessibility != Accessibility.Public || !type.MightContainExtensionMethods)
                {
                    continue;
                }

                foreach (var member in type.GetMembers())
                {
                    if (member is IMethodSymbol { IsExtensionMethod: true, DeclaredAccessibility: Accessibility.Public } method &&
                        method.Parameters.Length > 0 &&
                        method.Parameters[0].Type is INamedTypeSymbol first &&
                        Element(first, streamElement) is not null)
                    {
                        names.Add(method.Name);
                    }
                }
            }
        }

        return names.ToImmutable();
    }

    private static ITypeSymbol? Element(ITypeSymbol type, INamedTypeSymbol streamElement) =>
        type is INamedTypeSymbol { Name: "IObservable", TypeArguments.Length: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } observable &&
        observable.TypeArguments[0] is INamedTypeSymbol element &&
        SymbolEqualityComparer.Default.Equals(element.OriginalDefinition, streamElement)
            ? element.TypeArguments[0]
            : null;
}
