using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using RxStreams.Interactive.Charts;
using RxStreams.Interactive.Kernel;
using RxStreams.Interactive.Live;

namespace RxStreams.Interactive.Reports;

/// <summary>
/// The notebook views outside a notebook: an HTML file that a console or file-based app (<c>dotnet run app.cs</c>)
/// writes and a browser shows. Live tables and charts (<see cref="DisplayLive{TKey, TValue}(IObservable{StreamElement{WindowResult{TKey, TValue}}}, LiveViewOptions?)"/>,
/// <see cref="ChartLive{TKey, TValue}(IObservable{StreamElement{WindowResult{TKey, TValue}}}, LiveViewOptions?)"/>, <see cref="ChartWatermarksLive{T}"/>)
/// are the notebook's own views on a sink that rewrites the file at each update (paced like in a notebook), and while
/// any of them runs the page reloads itself every second; <see cref="Add"/> appends any value the notebook shows
/// (a timeline, the dataflow graph, an explanation, metrics, a chart, a list of window results). Charts are drawn by
/// the plotly.js that the report writes next to the file, so the page works offline.
/// </summary>
/// <remarks>
/// Each write replaces the file atomically (a temporary file, then a rename), so a browser never reads half a page.
/// Thread-safe: live views update from the threads their streams run on.
/// </remarks>
public sealed class HtmlReport
{
    private readonly object _gate = new();
    private readonly List<Section> _sections = [];
    private bool _charts;
    private bool _completed;

    /// <summary>Creates a report and writes its empty page.</summary>
    /// <param name="path">The HTML file to write, for example <c>page-views.html</c>; its folder is created when missing.</param>
    /// <param name="title">The page's title and heading.</param>
    public HtmlReport(string path, string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(title);
        Path = System.IO.Path.GetFullPath(path);
        Title = title;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        Write();
    }

    /// <summary>The full path of the HTML file.</summary>
    public string Path { get; }

    /// <summary>The page's title.</summary>
    public string Title { get; }

    /// <summary>The file next to the page that holds plotly.js, once the report has a chart.</summary>
    public string PlotlyScriptPath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, PlotlyScriptName);

    private static string PlotlyScriptName => "plotly-" + PlotlyJs.Version + ".min.js";

    /// <summary>Adds a paragraph of text (HTML-encoded).</summary>
    /// <param name="text">The text.</param>
    public void AddText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Append("<p>" + Rendering.Markup.Encode(text) + "</p>", chart: false);
    }

    /// <summary>
    /// Adds a value as the notebook shows it: an <c>EventTimeline</c>, a <c>DataflowGraph</c>, a
    /// <c>WindowExplanation</c>, a <c>MetricsSnapshot</c>, a Plotly.NET chart, window results, a
    /// <see cref="IHtmlContent"/> (such as <c>SideBySide.Of(...)</c>), or anything else the kernel's formatters know.
    /// </summary>
    /// <param name="value">The value.</param>
    public void Add(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value)
        {
            case GenericChart chart:
                Append(PlotlyHtml.Figure(chart, null), chart: true);
                break;
            case IHtmlContent html:
                Append(html.ToString() ?? string.Empty, chart: false);
                break;
            case Timeline.EventTimeline timeline:
                Append(Rendering.TimelineSvg.RenderHtml(timeline), chart: false);
                break;
            case DataflowGraph graph:
                Append(Rendering.DataflowGraphSvg.RenderHtml(graph), chart: false);
                break;
            case WindowExplanation explanation:
                Append(Diagnostics.WindowExplanationHtml.Render(explanation), chart: false);
                break;
            case WindowExplainer explainer:
                Append(Diagnostics.WindowExplanationHtml.Render(explainer.Explain()), chart: false);
                break;
            case MetricsSnapshot snapshot:
                Append(Rendering.MetricsSnapshotHtml.Render(snapshot), chart: false);
                break;
            default:
                RxStreamsFormatters.EnsureRegistered();
                Append(value.ToDisplayString(HtmlFormatter.MimeType), chart: false);
                break;
        }
    }

    /// <summary>Adds window results that have arrived as a table (the notebook's <c>WindowResultsHtml.Table</c>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type.</typeparam>
    /// <param name="results">The results, in the order to show.</param>
    /// <param name="title">A caption, or null.</param>
    public void AddResults<TKey, TValue>(IEnumerable<WindowResult<TKey, TValue>> results, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        Append(Rendering.WindowResultsHtml.Table(results, title), chart: false);
    }

    /// <summary>Shows window results live as a table that fills in as windows fire (the notebook's <c>DisplayLive</c>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type.</typeparam>
    /// <param name="results">The window results.</param>
    /// <param name="options">Title, counters, metrics, clock, pacing and when to stop.</param>
    public LiveView DisplayLive<TKey, TValue>(IObservable<StreamElement<WindowResult<TKey, TValue>>> results, LiveViewOptions? options = null) =>
        Start(chart: false, sink => LiveView.Start(results, sink, options));

    /// <summary>Shows rolling per-key results live: the latest value of each key (the notebook's <c>DisplayLive</c>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The aggregation's result type.</typeparam>
    /// <param name="results">The rolling results.</param>
    /// <param name="options">Title, metrics, clock, pacing and when to stop.</param>
    public LiveView DisplayLive<TKey, TValue>(IObservable<StreamElement<Keyed<TKey, TValue>>> results, LiveViewOptions? options = null) =>
        Start(chart: false, sink => LiveView.Start(results, sink, options));

    /// <summary>Charts window results live: a line per key over event time (the notebook's <c>ChartLive</c>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type (a number).</typeparam>
    /// <param name="results">The window results.</param>
    /// <param name="options">Title, clock, pacing, points kept and when to stop.</param>
    public LiveView ChartLive<TKey, TValue>(IObservable<StreamElement<WindowResult<TKey, TValue>>> results, LiveViewOptions? options = null) =>
        Start(chart: true, sink => LiveChart.Start(results, sink, options));

    /// <summary>Charts rolling per-key results live: a line per key over event time (the notebook's <c>ChartLive</c>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The aggregation's result type (a number).</typeparam>
    /// <param name="results">The rolling results.</param>
    /// <param name="options">Title, clock, pacing, points kept and when to stop.</param>
    public LiveView ChartLive<TKey, TValue>(IObservable<StreamElement<Keyed<TKey, TValue>>> results, LiveViewOptions? options = null) =>
        Start(chart: true, sink => LiveChart.Start(results, sink, options));

    /// <summary>Charts a stream's watermark live against its highest record timestamp (the notebook's <c>ChartWatermarksLive</c>).</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="stream">The event-time stream, for example right after <c>WithEventTime</c>.</param>
    /// <param name="options">Title, clock, pacing, points kept and when to stop.</param>
    /// <param name="byArrival">True to place points by the number of elements seen, for a source replayed at once.</param>
    public LiveView ChartWatermarksLive<T>(IObservable<StreamElement<T>> stream, LiveViewOptions? options = null, bool byArrival = false) =>
        Start(chart: true, sink => LiveChart.StartWatermarks(stream, sink, options, byArrival));

    /// <summary>Charts a stream's records per second live over processing time (the notebook's <c>ChartThroughputLive</c>).</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="stream">The event-time stream.</param>
    /// <param name="options">Title, clock, pacing, intervals kept and when to stop.</param>
    /// <param name="interval">The interval records are counted over; 1 s when null.</param>
    public LiveView ChartThroughputLive<T>(IObservable<StreamElement<T>> stream, LiveViewOptions? options = null, TimeSpan? interval = null) =>
        Start(chart: true, sink => LiveChart.StartThroughput(stream, sink, options, interval));

    /// <summary>
    /// Writes the page a last time, without the self-reload (call it when every live view has ended). Sections added
    /// after still write the page.
    /// </summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Write();
        }
    }

    private Section NewSection(bool chart)
    {
        lock (_gate)
        {
            var section = new Section(this);
            _sections.Add(section);
            _charts |= chart;
            return section;
        }
    }

    // The page stops reloading itself once every live view has ended: its last update says so (Section.Set), and its
    // completion too, for a view that ended before its start returned.
    private LiveView Start(bool chart, Func<ILiveViewSink, LiveView> start)
    {
        var section = NewSection(chart);
        var view = start(section);
        section.View = view;
        view.Completion.ContinueWith(
            _ =>
            {
                lock (_gate)
                {
                    if (!section.Ended)
                    {
                        section.Ended = true;
                        Write();
                    }
                }
            },
            System.Threading.CancellationToken.None,
            System.Threading.Tasks.TaskContinuationOptions.ExecuteSynchronously,
            System.Threading.Tasks.TaskScheduler.Default);
        return view;
    }

    private void Append(string html, bool chart)
    {
        lock (_gate)
        {
            var section = new Section(this) { Html = html, Ended = true };
            _sections.Add(section);
            _charts |= chart;
            Write();
        }
    }

    // Under _gate.
    private void Write()
    {
        if (_charts && !File.Exists(PlotlyScriptPath))
        {
            AtomicWrite(PlotlyScriptPath, PlotlyJs.FileSource());
        }

        var live = !_completed && _sections.Exists(s => !s.Ended);
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        if (live)
        {
            page.Append("<meta http-equiv=\"refresh\" content=\"1\">");
        }

        page.Append("<title>").Append(Rendering.Markup.Encode(Title)).Append("</title>");
        if (_charts)
        {
            page.Append("<script src=\"").Append(PlotlyScriptName).Append("\"></script>");
        }

        page.Append("<style>body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;max-width:1100px}section{margin:16px 0}</style>");
        page.Append("</head><body><h1>").Append(Rendering.Markup.Encode(Title)).Append("</h1>\n");
        page.Append(live ? "<p class=\"rxs-report-status\">running (the page reloads every second)</p>\n" : "<p class=\"rxs-report-status\">done</p>\n");
        foreach (var section in _sections)
        {
            page.Append("<section>").Append(section.Html).Append("</section>\n");
        }

        page.Append("</body></html>\n");
        AtomicWrite(Path, page.ToString());
    }

    private static void AtomicWrite(string path, string content)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, content, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>One view of the page; a live view's sink.</summary>
    private sealed class Section(HtmlReport report) : ILiveViewSink
    {
        public string Html { get; set; } = string.Empty;

        /// <summary>The live view shown here, once its start has returned.</summary>
        public volatile LiveView? View;

        /// <summary>True once the section's live view ended (or for a section that never was live).</summary>
        public volatile bool Ended;

        public void Show(string html, string text) => Set(html, text);

        public void Update(string html, string text) => Set(html, text);

        private void Set(string html, string text)
        {
            // Asked before taking the report's lock: the view calls this holding its own lock (re-entered here), and
            // the report never takes a view's lock while holding its own.
            if (View is { IsRunning: false })
            {
                Ended = true;   // only ever set: the completion may set it on another thread
            }

            lock (report._gate)
            {
                Html = html;
                report.Write();
            }
        }
    }
}
