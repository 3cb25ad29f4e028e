using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace RxStreams.Interactive.Rendering;

/// <summary>
/// How an event-time stream (an <c>IObservable&lt;StreamElement&lt;T&gt;&gt;</c> built with RxStreams) shows when a cell
/// evaluates it: its dataflow graph and what it carries, instead of the name of the operator class behind it.
/// </summary>
public static class StreamHtml
{
    private static readonly MethodInfo DescribeGraph = typeof(ParallelExtensions).GetMethod(nameof(ParallelExtensions.DescribeGraph))!;

    /// <summary>The record type of an event-time stream, or null when <paramref name="stream"/> is none.</summary>
    /// <param name="stream">Any value.</param>
    public static Type? RecordType(object? stream) =>
        stream?.GetType().GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IObservable<>))
            .Select(i => i.GenericTypeArguments[0])
            .FirstOrDefault(e => e.IsGenericType && e.GetGenericTypeDefinition() == typeof(StreamElement<>))
            ?.GenericTypeArguments[0];

    /// <summary>The stream's dataflow graph.</summary>
    /// <param name="stream">An event-time stream.</param>
    /// <exception cref="ArgumentException">When <paramref name="stream"/> is not an event-time stream.</exception>
    public static DataflowGraph Graph(object stream)
    {
        var type = RecordType(stream) ?? throw new ArgumentException("Not an IObservable<StreamElement<T>>.", nameof(stream));
        return (DataflowGraph)DescribeGraph.MakeGenericMethod(type).Invoke(null, [stream])!;
    }

    /// <summary>A caption naming the record type, then the dataflow graph as SVG.</summary>
    /// <param name="stream">An event-time stream.</param>
    public static string Render(object stream) =>
        "<div class=\"rxs rxs-stream\">" + Markup.Style + "<div class=\"status\">" + Markup.Encode(Caption(stream)) + "</div>" +
        DataflowGraphSvg.RenderHtml(Graph(stream)) + "</div>";

    /// <summary>The caption and the operators in walk order, for example <c>event-time stream of Order: Rx.ToObservable → WithEventTime → WindowCount</c>.</summary>
    /// <param name="stream">An event-time stream.</param>
    public static string PlainText(object stream) =>
        Caption(stream) + ": " + string.Join(" → ", Graph(stream).Nodes.Select(n => n.Name));

    /// <summary>The types that RxStreams builds event-time streams from: every class of its assembly that is an <c>IObservable&lt;StreamElement&lt;T&gt;&gt;</c>, generic ones as definitions.</summary>
    internal static IEnumerable<Type> StreamTypes() =>
        typeof(StreamElement<>).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && !typeof(Delegate).IsAssignableFrom(t) && t.GetInterfaces().Any(IsStreamInterface));

    private static bool IsStreamInterface(Type i) =>
        i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IObservable<>) &&
        i.GenericTypeArguments[0] is { IsGenericType: true } element && element.GetGenericTypeDefinition() == typeof(StreamElement<>);

    private static string Caption(object stream) => "event-time stream of " + Name(RecordType(stream)!) + " (subscribe to run it)";

    /// <summary>A type as C# writes it: <c>Order</c>, <c>WindowResult&lt;string, long&gt;</c>, <c>(string, long)</c>.</summary>
    internal static string Name(Type type)
    {
        if (type.IsGenericType && type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true)
        {
            return "(" + string.Join(", ", type.GenericTypeArguments.Select(Name)) + ")";
        }

        var name = Aliases.TryGetValue(type, out var alias) ? alias : type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick] + "<" + string.Join(", ", type.GenericTypeArguments.Select(Name)) + ">";
    }

    private static readonly Dictionary<Type, string> Aliases = new()
    {
        [typeof(int)] = "int", [typeof(long)] = "long", [typeof(string)] = "string", [typeof(double)] = "double",
        [typeof(bool)] = "bool", [typeof(decimal)] = "decimal", [typeof(float)] = "float", [typeof(object)] = "object",
    };
}
