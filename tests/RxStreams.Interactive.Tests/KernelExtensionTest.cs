using System.Reactive.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using RxStreams.Interactive.Kernel;
using RxStreams.Interactive.Live;

namespace RxStreams.Interactive.Tests;

/// <summary>The extension loaded into an in-process kernel, as a notebook uses it.</summary>
public sealed class KernelExtensionTest : IDisposable
{
    private const string Usings = "using System.Reactive.Linq; using System.Reactive.Concurrency; using RxStreams; using RxStreams.Testing; using RxStreams.Interactive.Live;\n";

    private readonly CompositeKernel _kernel;

    public KernelExtensionTest()
    {
        var csharp = new CSharpKernel();
        csharp.AddAssemblyReferences(new[]
        {
            typeof(StreamElement).Assembly.Location,
            typeof(LiveView).Assembly.Location,
            typeof(Observable).Assembly.Location,
            typeof(DataFrame).Assembly.Location,
        });
        _kernel = new CompositeKernel { csharp };
        _kernel.DefaultKernelName = csharp.Name;
        new RxStreamsKernelExtension().OnLoadAsync(_kernel).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _kernel.Dispose();
        Formatter.ResetToDefault();
    }

    private async Task<KernelCommandResult> Submit(string code)
    {
        var result = await _kernel.SubmitCodeAsync(Usings + code);
        var failure = result.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failure is null, failure?.Message);
        return result;
    }

    private async Task<(string Html, string Text)> Evaluate(string code)
    {
        var value = Assert.Single((await Submit(code)).Events.OfType<ReturnValueProduced>());
        return (Formatted(value, HtmlFormatter.MimeType), Formatted(value, PlainTextFormatter.MimeType));
    }

    private static string Formatted(DisplayEvent e, string mimeType) => e.FormattedValues.SingleOrDefault(v => v.MimeType == mimeType)?.Value ?? string.Empty;

    private static string[] Warnings(KernelCommandResult result) =>
        result.Events.OfType<DiagnosticsProduced>().SelectMany(e => e.Diagnostics).Select(d => d.Code).ToArray();

    [Fact]
    public async Task Cells_using_system_reactive_compile_without_warning_cs1701()
    {
        // Qbservable binds System.Linq.Expressions, the PropertyChanged pattern System.ComponentModel: without the
        // extension, each reports CS1701 for System.Reactive's .NET 8 references.
        var linq = await Submit("Observable.Range(1, 3).AsQbservable().Select(x => x * 2).ToList().Wait()");
        var model = await Submit("""
            System.ComponentModel.INotifyPropertyChanged source = null;
            var changes = Observable.FromEventPattern<System.ComponentModel.PropertyChangedEventHandler, System.ComponentModel.PropertyChangedEventArgs>(h => source.PropertyChanged += h, h => source.PropertyChanged -= h);
            changes.GetType().Name
            """);

        Assert.Empty(Warnings(linq));
        Assert.Empty(Warnings(model));
    }

    [Fact]
    public async Task Without_the_extension_the_same_cell_warns_cs1701()
    {
        var csharp = new CSharpKernel();
        csharp.AddAssemblyReferences(new[] { typeof(StreamElement).Assembly.Location, typeof(LiveView).Assembly.Location, typeof(Observable).Assembly.Location });
        using var kernel = new CompositeKernel { csharp };

        var result = await kernel.SubmitCodeAsync(Usings + "Observable.Range(1, 3).AsQbservable().Select(x => x * 2).ToList().Wait()");

        Assert.Equal(4, CSharpWarningLevel.Get(csharp));
        Assert.Equal(new[] { "CS1701" }, Warnings(result).Distinct());
    }

    [Fact]
    public async Task The_csharp_kernel_keeps_reporting_level_1_warnings()
    {
        // CS4014 (a call not awaited) is a level-1 warning.
        var result = await Submit("async Task NoAwait() => await Task.Yield(); NoAwait();");

        Assert.Equal(1, CSharpWarningLevel.Get(_kernel.ChildKernels.Single()));
        Assert.Equal(new[] { "CS4014" }, Warnings(result));
    }

    [Fact]
    public async Task A_window_result_is_shown_on_one_line()
    {
        var (html, text) = await Evaluate("new WindowResult<string, long>(\"north\", new TimeWindow(0, 5000), 3, WindowFiring.Late, 1, true)");

        Assert.Equal("<span class=\"rxs-result\" style=\"color:#b00020\">north [0, 5000) = <b>3</b> (late #1)</span>", html);
        Assert.Equal("north [0, 5000) = 3 (late #1)", text);
    }

    [Fact]
    public async Task A_watermark_is_shown_as_a_badge()
    {
        var (html, text) = await Evaluate("StreamElement.Watermark<int>(Watermark.MaxValue)");

        Assert.EndsWith(">W Wmax</span>", html, StringComparison.Ordinal);
        Assert.Equal("Wmax", text);
    }

    [Fact]
    public async Task The_dataflow_graph_is_drawn_as_svg_with_its_mermaid_text()
    {
        var (html, text) = await Evaluate(
            "StreamDescription.Parse(\"a@1 Wmax\").ToObservable().KeyBy(x => x).Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1))).Count().DescribeGraph()");

        Assert.StartsWith("<div class=\"rxs rxs-dataflow\">", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"rxs-graph\"", html, StringComparison.Ordinal);
        Assert.Contains(">WindowCount</text>", html, StringComparison.Ordinal);
        Assert.StartsWith("flowchart LR\n", text, StringComparison.Ordinal);
        Assert.Contains("[\"WindowCount\"]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_time_stream_shows_its_dataflow_graph_instead_of_its_type_name()
    {
        var (html, text) = await Evaluate(
            "new[] { (Page: \"home\", Time: 1000L) }.ToObservable().WithEventTime(v => v.Time, WatermarkStrategy.ForMonotonousTimestamps()).KeyBy(v => v.Page).Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1))).Count()");

        Assert.StartsWith("<div class=\"rxs rxs-stream\">", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"rxs-graph\"", html, StringComparison.Ordinal);
        Assert.Contains(">Rx.ToObservable</text>", html, StringComparison.Ordinal);
        Assert.Equal("event-time stream of WindowResult<string, long> (subscribe to run it): Rx.ToObservable → WithEventTime → WindowCount", text);
    }

    [Fact]
    public async Task A_stream_operator_error_names_its_time_as_a_utc_date_time()
    {
        var (html, text) = await Evaluate("new StreamOperatorException(\"Select\", \"order-7\", 1717232418000L, \"boom\", null)");

        Assert.Equal("StreamOperatorException: Select failed on record 'order-7' at 2024-06-01 09:00:18 UTC: boom", text);
        Assert.Contains("Select failed on record &#39;order-7&#39; at 2024-06-01 09:00:18 UTC: boom", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metrics_snapshot_is_a_table_per_measuring_point()
    {
        var (html, _) = await Evaluate("""
            var clock = new HistoricalScheduler(DateTimeOffset.UnixEpoch);
            var metrics = new StreamMetrics(clock);
            StreamDescription.Parse("a@1 b@2 W5 c@3 Wmax").ToObservable().Measure("input", metrics).Subscribe();
            clock.AdvanceBy(TimeSpan.FromSeconds(1));
            metrics.Snapshot()
            """);

        Assert.Contains("<tr><td>input</td><td class=\"num\">3</td><td class=\"num\">3</td><td class=\"num\">1</td><td>Wmax</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_view_is_one_display_replaced_in_place_as_windows_fire()
    {
        var result = await Submit("""
            var counters = new WindowCounters();
            var results = StreamDescription.Parse("north@1000 south@2000 north@4999 north@5000 W5000 north@1500 south@9000 W12000 north@3000")
                .ToObservable()
                .KeyBy(x => x)
                .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(5)))
                .AllowedLateness(TimeSpan.FromSeconds(2))
                .WithCounters(counters)
                .Count();
            await results.DisplayLive(new LiveViewOptions
            {
                Title = "crossings",
                Counters = counters,
                Clock = new HistoricalScheduler(DateTimeOffset.UnixEpoch),
                MinUpdateInterval = TimeSpan.Zero,
            });
            """);

        var shown = Assert.Single(result.Events.OfType<DisplayedValueProduced>());
        var updates = result.Events.OfType<DisplayedValueUpdated>().ToArray();
        Assert.Equal(9, updates.Length);
        Assert.All(updates, u => Assert.Equal(shown.ValueId, u.ValueId));
        Assert.Equal("watermark Wmin · 0 results (0 late updates) · 0 late records · running", Html.Status(Formatted(shown, HtmlFormatter.MimeType)));

        var final = Formatted(updates[^1], HtmlFormatter.MimeType);
        Assert.Equal("watermark Wmax · 5 results (1 late update) · 1 late record · completed", Html.Status(final));
        Assert.Equal(
            new[] { "north|[0, 5000)|3|late #1", "south|[0, 5000)|1|on time", "north|[5000, 10000)|1|on time", "south|[5000, 10000)|1|on time" },
            Html.Rows(final));
        Assert.StartsWith("watermark Wmax · 5 results", Formatted(updates[^1], PlainTextFormatter.MimeType), StringComparison.Ordinal);
        Assert.Empty(result.Events.OfType<ReturnValueProduced>());
    }

    [Fact]
    public async Task A_live_view_that_is_not_awaited_keeps_the_cell_running_until_its_stream_ends()
    {
        // The stream starts only once the cell's code has returned (the gate opens when the kernel completes the cell)
        // and runs on another thread; the cell still shows all of it.
        var result = await Submit("""
            var gate = new TaskCompletionSource();
            Microsoft.DotNet.Interactive.KernelInvocationContext.Current.OnComplete(_ => gate.SetResult());
            var results = Observable.FromAsync(() => gate.Task)
                .SelectMany(_ => StreamDescription.Parse("north@1000 south@2000 north@4999 north@5000 W5000 north@1500 south@9000 W12000 north@3000").ToObservable())
                .KeyBy(x => x)
                .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(5)))
                .Count();
            results.DisplayLive(new LiveViewOptions { Clock = new HistoricalScheduler(DateTimeOffset.UnixEpoch), MinUpdateInterval = TimeSpan.Zero });
            """);

        var updates = result.Events.OfType<DisplayedValueUpdated>().ToArray();
        Assert.Equal("watermark Wmax · 4 results (0 late updates) · completed", Html.Status(Formatted(updates[^1], HtmlFormatter.MimeType)));
        Assert.Equal(8, updates.Length); // 4 results, 3 watermark rises, completion
    }

    [Fact]
    public async Task A_live_view_of_rolling_results_shows_the_latest_value_per_key()
    {
        var result = await Submit("""
            var clock = new HistoricalScheduler(DateTimeOffset.UnixEpoch);
            var view = StreamDescription.Parse("north@1000 south@2000 north@4999 W5000 Wmax").ToObservable().KeyBy(x => x).Count()
                .DisplayLive(new LiveViewOptions { Title = "per key", Clock = clock, MinUpdateInterval = TimeSpan.Zero });
            await view;
            """);

        var final = Formatted(result.Events.OfType<DisplayedValueUpdated>().Last(), HtmlFormatter.MimeType);
        Assert.Equal(new[] { "north|2|4999|2", "south|1|2000|1" }, Html.Rows(final));
        Assert.Equal("watermark Wmax · 3 results · 2 keys · completed", Html.Status(final));
    }

    [Fact]
    public async Task Interrupting_a_cell_that_waits_for_its_live_view_stops_the_view()
    {
        var holding = new TaskCompletionSource<LiveView>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnHolding(LiveView view) => holding.TrySetResult(view);
        HeldViews.Holding += OnHolding;
        try
        {
            var cell = _kernel.SubmitCodeAsync(Usings + "Observable.Never<StreamElement<WindowResult<string, long>>>().DisplayLive(\"forever\");");
            var view = await holding.Task;   // the cell's code has returned; the cell waits for its view

            await _kernel.SendAsync(new Microsoft.DotNet.Interactive.Commands.Cancel());
            // The bound only turns a regression (a cell that never ends) into a failure instead of a hung run.
            var result = await cell.WaitAsync(TimeSpan.FromMinutes(1));

            Assert.False(view.IsRunning);
            Assert.True(view.Completion.IsCompletedSuccessfully);
            Assert.EndsWith("· stopped", Html.Status(Formatted(result.Events.OfType<DisplayedValueUpdated>().Last(), HtmlFormatter.MimeType)), StringComparison.Ordinal);
            Assert.Equal(0, HeldViews.Count);
        }
        finally
        {
            HeldViews.Holding -= OnHolding;
        }
    }

    [Fact]
    public async Task Interrupting_a_cell_that_awaits_its_live_view_stops_the_view()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await ((CSharpKernel)_kernel.ChildKernels.Single()).SetValueAsync("started", started, typeof(TaskCompletionSource));

        var cell = _kernel.SubmitCodeAsync(Usings + """
            var view = Observable.Never<StreamElement<WindowResult<string, long>>>().DisplayLive("forever");
            started.SetResult();
            await view;
            """);
        await started.Task;
        await _kernel.SendAsync(new Microsoft.DotNet.Interactive.Commands.Cancel());
        // The bound only turns a regression (a cell that never ends) into a failure instead of a hung run.
        var result = await cell.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.EndsWith("· stopped", Html.Status(Formatted(result.Events.OfType<DisplayedValueUpdated>().Last(), HtmlFormatter.MimeType)), StringComparison.Ordinal);
        Assert.Equal(0, HeldViews.Count);
    }

    [Fact]
    public async Task Window_results_convert_to_a_data_frame()
    {
        var value = Assert.Single((await Submit("""
            using RxStreams.Interactive.DataFrames;
            var list = StreamDescription.Parse("a@1000 b@2000 Wmax").ToObservable().KeyBy(x => x)
                .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(5))).Count().Values().ToList().Wait();
            list.ToDataFrame()
            """)).Events.OfType<ReturnValueProduced>()).Value;

        var frame = Assert.IsType<DataFrame>(value);
        Assert.Equal(new[] { "Key", "Start", "End", "Value", "Firing", "FiringIndex" }, frame.Columns.Select(c => c.Name));
        Assert.Equal(new object[] { "b", 0L, 5000L, 1L, "OnTime", 0 }, frame.Rows[1].ToArray());
    }

    [Fact]
    public void The_bridge_answers_a_failed_binding_with_a_loaded_assembly_of_at_least_that_version()
    {
        var reactive = typeof(Observable).Assembly;

        Assert.Same(reactive, ReactiveAssemblyBridge.Resolve(AssemblyLoadContext.Default, new AssemblyName("System.Reactive, Version=6.0.0.0")));
        Assert.Same(reactive, ReactiveAssemblyBridge.Resolve(AssemblyLoadContext.Default, new AssemblyName("System.Reactive")));
        Assert.Null(ReactiveAssemblyBridge.Resolve(AssemblyLoadContext.Default, new AssemblyName("System.Reactive, Version=99.0.0.0")));
        Assert.Null(ReactiveAssemblyBridge.Resolve(AssemblyLoadContext.Default, new AssemblyName("No.Such.Assembly")));
    }
}
