using System;
using System.Globalization;
using System.Text;
using RxStreams.Interactive.Rendering;

namespace RxStreams.Interactive.Diagnostics;

/// <summary>
/// HTML for a <see cref="WindowExplanation"/> ("why hasn't my window fired?"): each held window with the input that
/// holds it back and what would release it, the dataflow graph, a table of operators with their watermarks and
/// inputs, and a table of the windows waiting in each window operator.
/// </summary>
public static class WindowExplanationHtml
{
    private const string Css =
        "<style>.rxs-explain .hold{border-left:4px solid #c77700;background:#fff8ec;padding:4px 10px;margin:6px 0}" +
        ".rxs-explain .hold.ok{border-color:#2e7d32;background:#eef7ee}.rxs-explain .hold ul{margin:2px 0 2px 18px;padding:0}" +
        ".rxs-explain tr.holds td{background:#fff1d6}.rxs-explain td.idle{color:#777}</style>";

    /// <summary>The explanation as one HTML block.</summary>
    /// <param name="explanation">The explanation.</param>
    public static string Render(WindowExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var html = new StringBuilder("<div class=\"rxs rxs-explain\">").Append(Markup.Style).Append(Css);
        html.Append("<div class=\"status\">").Append(Markup.Encode(Status(explanation))).Append("</div>");
        foreach (var hold in explanation.Holds)
        {
            Hold(html, explanation, hold);
        }

        if (explanation.Operators.Count == 0)
        {
            return html.Append("</div>").ToString();
        }

        html.Append(DataflowGraphSvg.Render(explanation.Graph));
        Operators(html, explanation);
        Windows(html, explanation);
        return html.Append("</div>").ToString();
    }

    /// <summary>The first line: when it was explained, and whether anything waits.</summary>
    /// <param name="explanation">The explanation.</param>
    public static string Status(WindowExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var state = explanation.Operators.Count == 0 ? "nothing to explain: attach the explainer with WithExplainer"
            : !explanation.IsRunning ? "not running: subscribe the stream that WithExplainer returned"
            : explanation.Holds.Count == 0 ? "no window is waiting for the watermark"
            : explanation.Holds.Count == 1 ? "1 window operator waits for the watermark"
            : explanation.Holds.Count.ToString(CultureInfo.InvariantCulture) + " window operators wait for the watermark";
        return "explained at " + explanation.Time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " · " + state;
    }

    private static void Hold(StringBuilder html, WindowExplanation explanation, WatermarkHold hold)
    {
        var op = explanation.Operator(hold.Operator);
        var input = explanation.Operator(hold.Input);
        var ok = hold.Reason == HoldReason.EventTime ? " ok" : string.Empty;
        html.Append("<div class=\"hold").Append(ok).Append("\" data-reason=\"").Append(hold.Reason).Append("\"><b>").Append(Markup.Encode(op.Label)).Append("</b>: ")
            .Append(Markup.Encode(Markup.Window(hold.Window))).Append(" waits for watermark <b>").Append(Markup.Encode(Markup.Time(hold.Needs)))
            .Append("</b>; the watermark is ").Append(Markup.Encode(Markup.Time(hold.Watermark))).Append(".<br>Held back by <b class=\"input\">")
            .Append(Markup.Encode(input.Label)).Append("</b>: ").Append(Markup.Encode(Reason(hold.Reason))).Append("<ul>");
        foreach (var suggestion in hold.Suggestions)
        {
            html.Append("<li>").Append(Markup.Encode(suggestion)).Append("</li>");
        }

        html.Append("</ul></div>");
    }

    private static void Operators(StringBuilder html, WindowExplanation explanation)
    {
        html.Append("<table class=\"rxs-operators\"><thead><tr><th>#</th><th>operator</th><th>watermark</th><th>inputs</th><th>records</th><th>newest</th><th>last record</th><th>bound</th><th>idleness</th></tr></thead><tbody>");
        foreach (var op in explanation.Operators)
        {
            var holding = false;
            foreach (var hold in explanation.Holds)
            {
                holding |= hold.Input == op.Id;
            }

            html.Append(holding ? "<tr class=\"holds\">" : "<tr>")
                .Append("<td class=\"num\">").Append(op.Id.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Markup.Encode(op.Uid is null ? op.Name : op.Name + " \"" + op.Uid + "\""))
                .Append("</td><td>").Append(Markup.Encode(Time(op.Watermark)))
                .Append("</td><td>").Append(Markup.Encode(Inputs(explanation, op)));
            var source = op.Source;
            html.Append("</td><td class=\"num\">").Append(source is null ? string.Empty : Markup.Count(source.Records))
                .Append("</td><td>").Append(Markup.Encode(source?.NewestTimestamp is { } newest ? Markup.Time(newest) : string.Empty))
                .Append("</td><td class=\"num\">").Append(Markup.Encode(source?.SinceLastRecord is { } since ? Duration(since) + " ago" : string.Empty))
                .Append("</td><td class=\"num\">").Append(Markup.Encode(source?.Bound is { } bound ? Duration(bound) : string.Empty))
                .Append("</td><td>").Append(Markup.Encode(source is null ? string.Empty : Idleness(source)))
                .Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Windows(StringBuilder html, WindowExplanation explanation)
    {
        var any = false;
        foreach (var op in explanation.Operators)
        {
            foreach (var window in op.Windows)
            {
                if (!any)
                {
                    html.Append("<table class=\"rxs-waiting\"><thead><tr><th>window operator</th><th>window</th><th>keys</th><th>fires at watermark</th><th>state kept until</th></tr></thead><tbody>");
                    any = true;
                }

                html.Append("<tr><td>").Append(Markup.Encode(op.Label))
                    .Append("</td><td>").Append(Markup.Encode(Markup.Window(window.Window)))
                    .Append("</td><td class=\"num\">").Append(Markup.Count(window.Keys))
                    .Append("</td><td>").Append(Markup.Encode(window.FiresAt is { } at ? Markup.Time(at) : window.Fired ? "fired" : "by its trigger"))
                    .Append("</td><td>").Append(Markup.Encode(Time(window.CleanupAt)))
                    .Append("</td></tr>");
            }
        }

        if (any)
        {
            html.Append("</tbody></table>");
        }
    }

    private static string Inputs(WindowExplanation explanation, OperatorExplanation op)
    {
        if (op.Inputs.Count < 2)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var input in op.Inputs)
        {
            text.Append(text.Length == 0 ? string.Empty : ", ").Append('#').Append(input.Id.ToString(CultureInfo.InvariantCulture))
                .Append(" at ").Append(Time(input.Watermark))
                .Append(input.IsIdle ? " (idle)" : input.HoldsBack ? " (holds it back)" : string.Empty);
        }

        return text.ToString();
    }

    private static string Idleness(SourceExplanation source)
    {
        var state = source.IsCompleted ? "ended" : source.IsIdle ? "idle" : "active";
        return source.IdleTimeout is { } timeout ? state + ", idle after " + Duration(timeout) : state + ", no idleness";
    }

    private static string Reason(HoldReason reason) => reason switch
    {
        HoldReason.NoRecords => "it has sent no records yet.",
        HoldReason.Silent => "it is silent and not marked idle.",
        HoldReason.Idle => "every input is idle.",
        HoldReason.Bound => "its out-of-orderness bound.",
        HoldReason.Behind => "its event time trails the other inputs.",
        _ => "nothing: event time has not reached the window's end yet.",
    };

    private static string Time(long? timestamp) => timestamp is { } t ? Markup.Time(t) : "–";

    private static string Duration(TimeSpan duration) =>
        duration.TotalSeconds >= 1
            ? duration.TotalSeconds.ToString("#,0.###", CultureInfo.InvariantCulture) + " s"
            : duration.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture) + " ms";
}
