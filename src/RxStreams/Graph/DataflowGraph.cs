using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RxStreams;

/// <summary>An operator in a dataflow graph.</summary>
/// <param name="Id">Its number in the graph, from 0 at the sources.</param>
/// <param name="Name">The operator, for example <c>WithEventTime</c> or <c>Window[tumbling 5000 ms].Count</c>.</param>
/// <param name="Parallelism">How many parallel tasks run it.</param>
public sealed record DataflowNode(int Id, string Name, int Parallelism);

/// <summary>A data dependency between two operators.</summary>
/// <param name="From">The upstream node's id.</param>
/// <param name="To">The downstream node's id.</param>
/// <param name="Exchange">How records travel: <c>forward</c> (same task, chained), <c>hash</c>, <c>rebalance</c>, <c>random</c>, <c>broadcast</c>, <c>merge</c>.</param>
public sealed record DataflowEdge(int From, int To, string Exchange);

/// <summary>
/// A pipeline described as a directed graph: operators are nodes, edges are data dependencies labelled with their
/// exchange. Export with <see cref="ToMermaid"/> or <see cref="ToDot"/>.
/// </summary>
public sealed class DataflowGraph
{
    internal DataflowGraph(IReadOnlyList<DataflowNode> nodes, IReadOnlyList<DataflowEdge> edges)
    {
        Nodes = nodes;
        Edges = edges;
    }

    /// <summary>The operators, sources first.</summary>
    public IReadOnlyList<DataflowNode> Nodes { get; }

    /// <summary>The dependencies.</summary>
    public IReadOnlyList<DataflowEdge> Edges { get; }

    /// <summary>Mermaid flowchart text (<c>flowchart LR</c>), as GitHub and notebooks render it.</summary>
    public string ToMermaid()
    {
        var text = new StringBuilder("flowchart LR\n");
        foreach (var node in Nodes)
        {
            text.Append(CultureInfo.InvariantCulture, $"    n{node.Id}[\"{Escape(node.Name)}{Tasks(node)}\"]\n");
        }

        foreach (var edge in Edges)
        {
            text.Append(CultureInfo.InvariantCulture, $"    n{edge.From} -- {edge.Exchange} --> n{edge.To}\n");
        }

        return text.ToString();
    }

    /// <summary>Graphviz DOT text.</summary>
    public string ToDot()
    {
        var text = new StringBuilder("digraph dataflow {\n    rankdir=LR;\n    node [shape=box];\n");
        foreach (var node in Nodes)
        {
            text.Append(CultureInfo.InvariantCulture, $"    n{node.Id} [label=\"{Escape(node.Name)}{Tasks(node)}\"];\n");
        }

        foreach (var edge in Edges)
        {
            text.Append(CultureInfo.InvariantCulture, $"    n{edge.From} -> n{edge.To} [label=\"{edge.Exchange}\"];\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToMermaid();

    private static string Tasks(DataflowNode node) =>
        node.Parallelism == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ×{node.Parallelism}");

    private static string Escape(string name) => name.Replace("\"", "'", System.StringComparison.Ordinal);
}
