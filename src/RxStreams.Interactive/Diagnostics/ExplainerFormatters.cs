using Microsoft.DotNet.Interactive.Formatting;

namespace RxStreams.Interactive.Diagnostics;

/// <summary>
/// The kernel's formatters for the window explainer: a <see cref="WindowExplanation"/> shows as
/// <see cref="WindowExplanationHtml"/> (or its text), and a <see cref="WindowExplainer"/> shows what it explains now.
/// </summary>
public static class ExplainerFormatters
{
    /// <summary>Registers them; safe to call again.</summary>
    public static void Register()
    {
        Formatter.Register<WindowExplanation>((explanation, writer) => writer.Write(WindowExplanationHtml.Render(explanation)), HtmlFormatter.MimeType);
        Formatter.Register<WindowExplanation>((explanation, writer) => writer.Write(explanation.ToString()), PlainTextFormatter.MimeType);
        Formatter.Register<WindowExplainer>((explainer, writer) => writer.Write(WindowExplanationHtml.Render(explainer.Explain())), HtmlFormatter.MimeType);
        Formatter.Register<WindowExplainer>((explainer, writer) => writer.Write(explainer.Explain().ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(WindowExplanation), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(WindowExplainer), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }
}
