using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using RxStreams.Interactive.Charts;
using RxStreams.Interactive.Live;
using RxStreams.Interactive.Rendering;
using RxStreams.Interactive.Timeline;

namespace RxStreams.Interactive.Kernel;

/// <summary>
/// Registers the kernel's HTML and plain-text formatters for RxStreams types: window results, stream elements
/// (watermarks), records, metric snapshots, the dataflow graph (as SVG), event-time streams (as their graph),
/// timelines, live views, and Plotly.NET charts
/// (drawn offline with the plotly.js the first chart embeds, see <see cref="PlotlyJs"/>).
/// </summary>
public static class RxStreamsFormatters
{
    private static readonly ConcurrentDictionary<(string Method, Type Type), MethodInfo> Generic = new();

    private static int _registered;

    /// <summary>Registers every formatter unless this process did already (for views rendered outside a kernel).</summary>
    internal static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            Register();
        }
    }

    /// <summary>Registers every formatter. Safe to call again (a later registration replaces an earlier one).</summary>
    public static void Register()
    {
        Volatile.Write(ref _registered, 1);
        Volatile.Write(ref _streamsRegistered, false);   // so that TryRegisterStreams below registers them again
        Formatter.Register(typeof(WindowResult<,>), (value, writer) => Invoke(nameof(WindowResultHtml), value, writer), HtmlFormatter.MimeType);
        Formatter.Register(typeof(WindowResult<,>), (value, writer) => Invoke(nameof(ResultText), value, writer), PlainTextFormatter.MimeType);
        Formatter.Register(typeof(StreamElement<>), (value, writer) => Invoke(nameof(ElementHtml), value, writer), HtmlFormatter.MimeType);
        Formatter.Register(typeof(StreamElement<>), (value, writer) => Invoke(nameof(ElementText), value, writer), PlainTextFormatter.MimeType);
        Formatter.Register(typeof(Record<>), (value, writer) => Invoke(nameof(RecordHtml), value, writer), HtmlFormatter.MimeType);
        Formatter.Register(typeof(Record<>), (value, writer) => Invoke(nameof(RecordText), value, writer), PlainTextFormatter.MimeType);
        Formatter.Register<TimeWindow>((window, writer) => writer.Write(Markup.Encode(Markup.Window(window))), HtmlFormatter.MimeType);
        Formatter.Register<TimeWindow>((window, writer) => writer.Write(Markup.Window(window)), PlainTextFormatter.MimeType);
        Formatter.Register<MetricsSnapshot>((snapshot, writer) => writer.Write(MetricsSnapshotHtml.Render(snapshot)), HtmlFormatter.MimeType);
        Formatter.Register<MetricsSnapshot>((snapshot, writer) => writer.Write(MetricsSnapshotHtml.PlainText(snapshot)), PlainTextFormatter.MimeType);
        Formatter.Register<DataflowGraph>((graph, writer) => writer.Write(DataflowGraphSvg.RenderHtml(graph)), HtmlFormatter.MimeType);
        Formatter.Register<DataflowGraph>((graph, writer) => writer.Write(graph.ToMermaid()), PlainTextFormatter.MimeType);
        Formatter.Register<EventTimeline>((timeline, writer) => writer.Write(TimelineSvg.RenderHtml(timeline)), HtmlFormatter.MimeType);
        Formatter.Register<EventTimeline>((timeline, writer) => writer.Write(TimelineText(timeline)), PlainTextFormatter.MimeType);
        Formatter.Register<LiveView>((view, writer) => writer.Write(view.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<LiveView>((view, writer) => writer.Write(view.ToString()), PlainTextFormatter.MimeType);
        Formatter.Register<WindowCounters>((counters, writer) => writer.Write(counters.ToString()), PlainTextFormatter.MimeType);
        Formatter.Register<WindowCounters>((counters, writer) => writer.Write("<span class=\"rxs\">" + Markup.Encode(counters.ToString()) + "</span>"), HtmlFormatter.MimeType);
        Formatter.Register<StreamOperatorException>((error, writer) => writer.Write(ErrorText.Html(error)), HtmlFormatter.MimeType);
        Formatter.Register<StreamOperatorException>((error, writer) => writer.Write(error.GetType().Name + ": " + ErrorText.Message(error)), PlainTextFormatter.MimeType);
        Diagnostics.ExplainerFormatters.Register();
        TryRegisterStreams();
        foreach (var type in new[] { typeof(WindowResult<,>), typeof(StreamElement<>), typeof(Record<>), typeof(TimeWindow), typeof(MetricsSnapshot), typeof(DataflowGraph), typeof(EventTimeline), typeof(LiveView), typeof(WindowCounters), typeof(StreamOperatorException) })
        {
            Formatter.SetPreferredMimeTypesFor(type, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        }

        // Last: where the charts' assemblies cannot be loaded, every other formatter is registered already.
        RegisterCharts();
    }

    // Plotly.NET's types are bound only here, so that the other formatters stand even where the charts' assemblies
    // cannot be loaded.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterCharts()
    {
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(PlotlyHtml.Render(chart)), HtmlFormatter.MimeType);
        Formatter.Register<GenericChart>((chart, writer) => writer.Write("Plotly.NET chart (" + GenericChart.getTraces(chart).Length + " traces)"), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }

    /// <summary>
    /// Registers the event-time stream formatters (a stream shows as its dataflow graph) unless they are registered
    /// already, and says whether they are. Finding RxStreams' stream classes binds every type of RxStreams, which
    /// needs the System.Reactive that RxStreams was built against; inside the kernel that assembly is loaded only by the
    /// extension's script, after the extension itself, so until then this returns false and registers nothing.
    /// </summary>
    internal static bool TryRegisterStreams()
    {
        if (Volatile.Read(ref _streamsRegistered))
        {
            return true;
        }

        Type[] streams;
        try
        {
            streams = StreamHtml.StreamTypes().ToArray();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            return false;
        }

        foreach (var stream in streams)
        {
            Formatter.Register(stream, (value, writer) => writer.Write(StreamHtml.Render(value)), HtmlFormatter.MimeType);
            Formatter.Register(stream, (value, writer) => writer.Write(StreamHtml.PlainText(value)), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(stream, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        }

        Volatile.Write(ref _streamsRegistered, true);
        return true;
    }

    private static bool _streamsRegistered;

    private static void Invoke(string method, object value, TextWriter writer)
    {
        var generic = Generic.GetOrAdd((method, value.GetType()), key => typeof(RxStreamsFormatters)
            .GetMethod(key.Method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(key.Type.GetGenericArguments()));
        writer.Write((string)generic.Invoke(null, [value])!);
    }

    private static string WindowResultHtml<TKey, TValue>(WindowResult<TKey, TValue> result) => WindowResultsHtml.Result(result);

    private static string ResultText<TKey, TValue>(WindowResult<TKey, TValue> result) => PlainText.Result(result);

    private static string ElementHtml<T>(StreamElement<T> element) => StreamElementHtml.Element(element);

    private static string ElementText<T>(StreamElement<T> element) => PlainText.Element(element);

    private static string RecordText<T>(Record<T> record) => PlainText.Record(record);

    private static string RecordHtml<T>(Record<T> record) => StreamElementHtml.Element(StreamElement.Record(record.Value, record.Timestamp));

    private static string TimelineText(EventTimeline timeline) =>
        $"timeline: {timeline.Records.Count} records, {timeline.Watermarks.Count} watermarks, {timeline.Firings.Count} window firings";
}
