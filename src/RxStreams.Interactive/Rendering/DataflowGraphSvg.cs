using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace RxStreams.Interactive.Rendering;

/// <summary>
/// Draws a <see cref="DataflowGraph"/> as a self-contained SVG, left to right like Mermaid's <c>flowchart LR</c>: each
/// operator is a box in the column of its longest path from a source, parallel operators are drawn as a stack of
/// boxes marked <c>×n</c>, and edges carry their exchange. No script is needed, so it renders offline.
/// </summary>
public static class DataflowGraphSvg
{
    private const double CharWidth = 7.2;
    private const double BoxHeight = 34;
    private const double ColumnGap = 90;
    private const double RowGap = 26;
    private const double Margin = 16;

    /// <summary>The graph as an SVG element.</summary>
    /// <param name="graph">The graph.</param>
    public static string Render(DataflowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var layout = Layout(graph);
        var width = layout.Count == 0 ? 2 * Margin : layout.Values.Max(b => b.X + b.Width) + Margin + 8;
        var height = layout.Count == 0 ? 2 * Margin : layout.Values.Max(b => b.Y + BoxHeight) + Margin + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"rxs-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Markup.Svg(width)}\" height=\"{Markup.Svg(height)}\" viewBox=\"0 0 {Markup.Svg(width)} {Markup.Svg(height)}\" font-family=\"system-ui,sans-serif\" font-size=\"12\">");
        svg.Append("<defs><marker id=\"rxs-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>");
        foreach (var edge in graph.Edges)
        {
            if (!layout.TryGetValue(edge.From, out var from) || !layout.TryGetValue(edge.To, out var to))
            {
                continue;
            }

            var x1 = from.X + from.Width;
            var y1 = from.Y + BoxHeight / 2;
            var x2 = to.X - 2;
            var y2 = to.Y + BoxHeight / 2;
            var mid = (x1 + x2) / 2;
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"edge\" data-exchange=\"{Markup.Encode(edge.Exchange)}\" d=\"M {Markup.Svg(x1)} {Markup.Svg(y1)} C {Markup.Svg(mid)} {Markup.Svg(y1)}, {Markup.Svg(mid)} {Markup.Svg(y2)}, {Markup.Svg(x2)} {Markup.Svg(y2)}\" fill=\"none\" stroke=\"{EdgeColor(edge.Exchange)}\" stroke-width=\"1.5\" marker-end=\"url(#rxs-arrow)\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Markup.Svg(mid)}\" y=\"{Markup.Svg((y1 + y2) / 2 - 4)}\" text-anchor=\"middle\" fill=\"{EdgeColor(edge.Exchange)}\" font-size=\"11\">{Markup.Encode(edge.Exchange)}</text>");
        }

        foreach (var node in graph.Nodes)
        {
            var box = layout[node.Id];
            var shadows = Math.Min(node.Parallelism, 4) - 1;
            for (var s = shadows; s > 0; s--)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Markup.Svg(box.X + 4 * s)}\" y=\"{Markup.Svg(box.Y + 4 * s)}\" width=\"{Markup.Svg(box.Width)}\" height=\"{Markup.Svg(BoxHeight)}\" rx=\"5\" fill=\"#dfe8f6\" stroke=\"#7a9cc6\"/>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"node\" data-id=\"{node.Id}\" data-parallelism=\"{node.Parallelism}\"><rect x=\"{Markup.Svg(box.X)}\" y=\"{Markup.Svg(box.Y)}\" width=\"{Markup.Svg(box.Width)}\" height=\"{Markup.Svg(BoxHeight)}\" rx=\"5\" fill=\"#f4f8fd\" stroke=\"#3f6fa8\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Markup.Svg(box.X + box.Width / 2)}\" y=\"{Markup.Svg(box.Y + BoxHeight / 2 + 4)}\" text-anchor=\"middle\" fill=\"#1d2b3a\">{Markup.Encode(Label(node))}</text></g>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// The graph as an HTML block: the SVG, and the Mermaid text (as GitHub or a Mermaid-enabled frontend renders it)
    /// folded under it.
    /// </summary>
    /// <param name="graph">The graph.</param>
    public static string RenderHtml(DataflowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return "<div class=\"rxs rxs-dataflow\">" + Markup.Style + Render(graph) +
               "<details><summary>Mermaid</summary><pre>" + Markup.Encode(graph.ToMermaid()) + "</pre></details></div>";
    }

    /// <summary>The text in an operator's box: its name, and <c>×n</c> when it runs in several tasks.</summary>
    /// <param name="node">The operator.</param>
    public static string Label(DataflowNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Parallelism == 1 ? node.Name : node.Name + " ×" + node.Parallelism.ToString(CultureInfo.InvariantCulture);
    }

    private static string EdgeColor(string exchange) => exchange switch
    {
        "hash" => "#8e44ad",
        "rebalance" or "random" => "#c0392b",
        "broadcast" => "#d35400",
        _ => "#555",
    };

    private static Dictionary<int, Box> Layout(DataflowGraph graph)
    {
        // Column: the longest path from a source (edges go from lower to higher ids, sources first).
        var column = graph.Nodes.ToDictionary(n => n.Id, _ => 0);
        for (var pass = 0; pass < graph.Nodes.Count; pass++)
        {
            var changed = false;
            foreach (var edge in graph.Edges)
            {
                if (column.TryGetValue(edge.From, out var c) && column.TryGetValue(edge.To, out var d) && d < c + 1)
                {
                    column[edge.To] = c + 1;
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }
        }

        var widths = graph.Nodes.ToDictionary(n => n.Id, n => Math.Max(70, Label(n).Length * CharWidth + 24));
        var columns = graph.Nodes.GroupBy(n => column[n.Id]).OrderBy(g => g.Key).ToList();
        var boxes = new Dictionary<int, Box>();
        var x = Margin;
        foreach (var group in columns)
        {
            var columnWidth = group.Max(n => widths[n.Id]);
            var y = Margin;
            foreach (var node in group.OrderBy(n => n.Id))
            {
                boxes[node.Id] = new Box(x + (columnWidth - widths[node.Id]) / 2, y, widths[node.Id]);
                y += BoxHeight + RowGap + 4 * (Math.Min(node.Parallelism, 4) - 1);
            }

            x += columnWidth + ColumnGap;
        }

        return boxes;
    }

    private readonly record struct Box(double X, double Y, double Width);
}
