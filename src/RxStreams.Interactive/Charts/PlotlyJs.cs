using System;
using System.IO;
using System.Threading;
using Microsoft.AspNetCore.Html;
using Plotly.NET;

namespace RxStreams.Interactive.Charts;

/// <summary>
/// The plotly.js that draws the charts, taken from the Plotly.NET package (which embeds it) and put into the notebook
/// itself, so charts render offline: no CDN, no require.js. The script (about 3.6 MB) goes into the output of the first
/// chart a kernel session shows, once; later charts find <c>window.Plotly</c> already there (Jupyter and VS Code run
/// the outputs of one notebook in one page).
/// </summary>
public static class PlotlyJs
{
    private static readonly Lazy<string> Source = new(ReadSource, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _loaded;

    /// <summary>The plotly.js version the charts use.</summary>
    public static string Version => Globals.PLOTLYJS_VERSION;

    /// <summary>
    /// The script that loads plotly.js into the page, as HTML to display. The first chart of a kernel session carries it
    /// already; display this again only when that output was cleared and the page reloaded.
    /// </summary>
    public static IHtmlContent Load() => new HtmlString(ScriptHtml());

    /// <summary>The loader as an HTML <c>script</c> element; it does nothing where plotly.js is loaded already.</summary>
    internal static string ScriptHtml() =>
        // The parameters hide an AMD loader (classic Jupyter's require.js) and CommonJS from plotly.js's module
        // wrapper, which then sets window.Plotly as the charts expect.
        "<script type=\"text/javascript\" data-rxs-plotly=\"" + Version + "\">if(!window.Plotly){(function(define,module,exports){" +
        Source.Value + "\n}).call(window);}</script>";

    /// <summary>plotly.js itself, for a <c>.js</c> file next to a page (<see cref="Reports.HtmlReport"/>).</summary>
    internal static string FileSource() => Source.Value;

    /// <summary>True for the first caller in this process, which then shows <see cref="ScriptHtml"/>; false after.</summary>
    internal static bool TakeFirstLoad() => Interlocked.Exchange(ref _loaded, 1) == 0;

    private static string ReadSource()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = "Plotly.NET.plotly-" + Version + ".min.js";
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException("Plotly.NET does not embed " + name + ".");
        using var reader = new StreamReader(stream);
        // A literal "</script>" inside the script would end the element early.
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }
}
