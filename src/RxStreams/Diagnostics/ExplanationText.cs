using System.Globalization;
using System.Text;
using static RxStreams.Diagnostics.ExplainFormat;

namespace RxStreams.Diagnostics;

/// <summary>A <see cref="WindowExplanation"/> as text: the held windows with what would release them, then every operator.</summary>
internal static class ExplanationText
{
    public static string Format(WindowExplanation explanation)
    {
        var text = new StringBuilder();
        if (explanation.Operators.Count == 0)
        {
            return "Nothing to explain: attach the explainer with WithExplainer.\n";
        }

        if (!explanation.IsRunning)
        {
            text.Append("Not running: subscribe the stream that WithExplainer returned.\n");
        }
        else if (explanation.Holds.Count == 0)
        {
            text.Append("No window is waiting for the watermark.\n");
        }

        foreach (var hold in explanation.Holds)
        {
            var op = explanation.Operator(hold.Operator);
            var input = explanation.Operator(hold.Input);
            text.Append(CultureInfo.InvariantCulture, $"{op.Label}: {Window(hold.Window)} waits for watermark {At(hold.Needs)}; the watermark is {At(hold.Watermark)}.\n");
            text.Append(CultureInfo.InvariantCulture, $"  Held back by {input.Label}{Via(explanation, hold)}: {Reason(hold.Reason)}.\n");
            foreach (var suggestion in hold.Suggestions)
            {
                text.Append("  - ").Append(suggestion).Append('\n');
            }
        }

        text.Append("Operators:\n");
        foreach (var op in explanation.Operators)
        {
            text.Append("  ").Append(op.Label);
            if (op.Watermark is { } watermark)
            {
                text.Append(": watermark ").Append(At(watermark));
            }

            if (op.Source is { } source)
            {
                text.Append("; ").Append(Source(source));
            }

            if (op.Inputs.Count > 1)
            {
                text.Append("; inputs");
                foreach (var input in op.Inputs)
                {
                    text.Append(' ').Append(input.Id >= 0 ? explanation.Operator(input.Id).Label : "?").Append(" at ").Append(At(input.Watermark));
                    text.Append(input.IsIdle ? " (idle)" : input.HoldsBack ? " (holds it back)" : string.Empty).Append(',');
                }

                text.Length--;
            }

            text.Append('\n');
            foreach (var window in op.Windows)
            {
                text.Append("    ").Append(Window(window.Window)).Append(' ').Append(window.Keys.ToString(CultureInfo.InvariantCulture)).Append(window.Keys == 1 ? " key" : " keys");
                text.Append(window.FiresAt is { } at ? ", fires at " + At(at) : window.Fired ? ", fired" : string.Empty);
                text.Append(window.CleanupAt is { } cleanup ? ", state until " + At(cleanup) : string.Empty).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The reason as a phrase.</summary>
    public static string Reason(HoldReason reason) => reason switch
    {
        HoldReason.NoRecords => "no records yet",
        HoldReason.Silent => "silent, not marked idle",
        HoldReason.Idle => "every input idle",
        HoldReason.Bound => "its out-of-orderness bound",
        HoldReason.Behind => "its event time trails the other inputs",
        _ => "event time has not reached the window's end",
    };

    /// <summary>The records of a source as a phrase.</summary>
    public static string Source(SourceExplanation source)
    {
        var text = new StringBuilder().Append(source.Records.ToString(CultureInfo.InvariantCulture)).Append(source.Records == 1 ? " record" : " records");
        if (source.NewestTimestamp is { } newest)
        {
            text.Append(", newest ").Append(At(newest));
        }

        if (source.SinceLastRecord is { } since)
        {
            text.Append(", last ").Append(Duration(since)).Append(" ago");
        }

        if (source.Bound is { } bound)
        {
            text.Append(", bound ").Append(Duration(bound));
        }

        if (source.IdleTimeout is { } timeout)
        {
            text.Append(", idle after ").Append(Duration(timeout));
        }

        text.Append(source.IsCompleted ? ", ended" : source.IsIdle ? ", idle" : string.Empty);
        return text.ToString();
    }

    private static string Via(WindowExplanation explanation, WatermarkHold hold)
    {
        if (hold.Path.Count <= 2)
        {
            return string.Empty;
        }

        var via = new StringBuilder(" via ");
        for (var i = hold.Path.Count - 2; i >= 1; i--)
        {
            via.Append(explanation.Operator(hold.Path[i]).Label).Append(i > 1 ? ", " : string.Empty);
        }

        return via.ToString();
    }
}
