using System.IO;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RxStreams.Interactive.Tests;

/// <summary>
/// Reads the notebooks that <c>scripts/run-notebooks.sh</c> executed into <c>artifacts/notebooks</c> (<c>bash test.sh</c>
/// runs it before these tests) and checks that they show what their text says, so a notebook that runs but shows
/// nothing fails.
/// </summary>
public class ExecutedNotebooksTest
{
    internal static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var built = typeof(ExecutedNotebooksTest).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (built is not null && File.Exists(Path.Combine(built, "RxStreams.sln")))
        {
            return built;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RxStreams.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RxStreams.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>One output of a code cell: its type, its stream's name (stdout, stderr) and its HTML or text.</summary>
    private sealed record Output(string Type, string Html, string Text, string Name = "");

    private static List<List<Output>> Load(string name)
    {
        var path = Path.Combine(Root, "artifacts", "notebooks", name);
        Assert.True(File.Exists(path),
            $"The executed notebook {path} is missing. Run `bash scripts/run-notebooks.sh` (`bash test.sh` runs it before the tests).");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var cells = new List<List<Output>>();
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() != "code")
            {
                continue;
            }

            var outputs = new List<Output>();
            foreach (var output in cell.GetProperty("outputs").EnumerateArray())
            {
                var type = output.GetProperty("output_type").GetString()!;
                var html = string.Empty;
                var text = string.Empty;
                if (output.TryGetProperty("data", out var data))
                {
                    html = data.TryGetProperty("text/html", out var h) ? Join(h) : string.Empty;
                    text = data.TryGetProperty("text/plain", out var t) ? Join(t) : string.Empty;
                }
                else if (type == "stream")
                {
                    text = Join(output.GetProperty("text"));
                }
                else if (type == "error")
                {
                    text = output.GetProperty("ename").GetString() + ": " + output.GetProperty("evalue").GetString();
                }

                var stream = output.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty;
                outputs.Add(new Output(type, html, text, stream));
            }

            cells.Add(outputs);
        }

        return cells;
    }

    private static string Join(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? string.Concat(value.EnumerateArray().Select(v => v.GetString())) : value.GetString() ?? string.Empty;

    private static IEnumerable<Output> All(List<List<Output>> cells) => cells.SelectMany(c => c);

    /// <summary>The rows of every HTML table in <paramref name="html"/>, each row as its cells' text joined with <c>|</c>.</summary>
    private static List<string[]> Tables(string html) =>
        Regex.Matches(html, "<tbody>(.*?)</tbody>", RegexOptions.Singleline)
            .Select(body => Regex.Matches(body.Groups[1].Value, "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)
                .Select(row => string.Join("|", Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline)
                    .Select(cell => WebUtility.HtmlDecode(Regex.Replace(cell.Groups[1].Value, "<[^>]+>", string.Empty)).Trim())))
                .ToArray())
            .ToList();

    private static string[] Exchanges(string svg) => Regex.Matches(svg, "data-exchange=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToArray();

    internal static string[] Nodes(string svg) => Regex.Matches(svg, "<text[^>]*fill=\"#1d2b3a\">([^<]*)</text>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToArray();

    private static string[] NotebookNames() =>
        Directory.GetFiles(Path.Combine(Root, "notebooks"), "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public static TheoryData<string> Notebooks() => new(NotebookNames());

    [Fact]
    public void There_are_eight_notebooks() =>
        Assert.Equal(
            new[] { "01-getting-started.ipynb", "02-time-semantics.ipynb", "03-watermarks-and-late-data.ipynb", "04-windows.ipynb", "05-dataflow-graph-and-parallelism.ipynb", "06-testing-in-virtual-time.ipynb", "07-state-and-checkpoints.ipynb", "08-delivery-guarantees.ipynb" },
            NotebookNames());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_notebook_ran_without_errors_and_loaded_the_extension(string name)
    {
        var cells = Load(name);

        Assert.Empty(All(cells).Where(o => o.Type == "error").Select(o => o.Text));
        Assert.Contains(All(cells), o => o.Text.StartsWith("Loading extensions from ", StringComparison.Ordinal) && o.Text.Contains("RxStreams.Interactive.dll", StringComparison.Ordinal));
        Assert.All(cells.Skip(1), outputs => Assert.DoesNotContain(outputs, o => o.Type == "stream" && o.Text.Contains(": error ", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void No_cell_of_any_notebook_writes_to_stderr_or_shows_a_compiler_warning(string name)
    {
        var cells = Load(name);

        Assert.Empty(All(cells).Where(o => o.Type == "stream" && o.Name == "stderr").Select(o => o.Text));
        Assert.Empty(All(cells).Where(o => Regex.IsMatch(o.Text + o.Html, @"\bwarning [A-Z]+[0-9]+:")).Select(o => o.Text + o.Html));
    }

    [Fact]
    public void A_new_notebook_loads_the_library_with_the_directives_the_readme_shows()
    {
        const string name = "fresh/new-notebook.ipynb";
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var shown = Regex.Match(readme, "<!-- new-notebook -->\\s*```[a-z]*\\n(.*?)\\n```", RegexOptions.Singleline).Groups[1].Value;
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "artifacts", "notebooks", name)));
        var firstCell = Join(document.RootElement.GetProperty("cells")[0].GetProperty("source"));
        var cells = Load(name);

        Assert.Equal("#i \"nuget: /path/to/RxStreams/artifacts/packages\"\n#r \"nuget: RxStreams.Interactive, 0.1.0-local\"", shown);
        Assert.Equal(shown.Replace("/path/to/RxStreams", Root, StringComparison.Ordinal), firstCell);
        Assert.Empty(All(cells).Where(o => o.Type == "error" || o.Name == "stderr").Select(o => o.Text));
        Assert.Contains(cells[0], o => o.Text.StartsWith("Loading extensions from ", StringComparison.Ordinal) && o.Text.Contains("RxStreams.Interactive.dll", StringComparison.Ordinal));
        var result = Assert.Single(cells[1]);
        Assert.Equal("execute_result", result.Type);
        Assert.Contains("a [0, 5000) = <b>2</b>", result.Html, StringComparison.Ordinal);
    }

    /// <summary>The executed notebook's outputs that carry a Plotly figure, in order, with their figures.</summary>
    private static (Output Output, JsonElement Figure)[] Charts(List<List<Output>> cells) =>
        All(cells).Where(o => o.Html.Contains("class=\"rxs-figure\"", StringComparison.Ordinal)).Select(o => (o, Figure.Single(o.Html))).ToArray();

    /// <summary>plotly.js is in the notebook exactly once, before the first chart, so the charts render offline.</summary>
    private static void AssertPlotlyJsOnceBeforeTheCharts(List<List<Output>> cells)
    {
        var outputs = All(cells).ToList();
        var loader = Assert.Single(outputs, o => o.Html.Contains("data-rxs-plotly=", StringComparison.Ordinal));
        Assert.True(loader.Html.Length > 3_000_000, "the whole of plotly.js");
        Assert.True(outputs.IndexOf(loader) <= outputs.FindIndex(o => o.Html.Contains("class=\"rxs-figure\"", StringComparison.Ordinal)));
        // Nothing of ours loads a script from the network (plotly.js's own source names cdn.plot.ly as a default
        // topojson URL, and the kernel's bootstrap output loads require.js: neither is a chart's script).
        var ours = outputs.Where(o => o.Html.Contains("data-rxs-plotly=", StringComparison.Ordinal) || o.Html.Contains("class=\"rxs-figure\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ours);
        Assert.DoesNotContain(ours, o => Regex.IsMatch(o.Html, "<script[^>]*\\ssrc\\s*=", RegexOptions.IgnoreCase));
    }

    [Fact]
    public void Getting_started_shows_windows_firing_with_late_data_as_a_live_table_a_live_chart_and_a_watermark_chart()
    {
        var cells = Load("01-getting-started.ipynb");

        var (pages, views, windows) = (PageViews.Pages, PageViews.Views, PageViews.Windows);
        var expected = PageViews.TableRows();

        var live = Assert.Single(All(cells), o => o.Html.Contains("rxs-live", StringComparison.Ordinal));
        Assert.Equal("display_data", live.Type);
        Assert.Equal(expected, Html.Rows(live.Html));
        Assert.Equal(2, windows.Count(w => w.Late));
        Assert.Equal(1199, windows.Sum(w => w.Count));
        Assert.Matches($"^watermark Wmax · {expected.Length + 2} results \\(2 late updates\\) · 1 late record · [0-9,.]+ records/s · completed$", Html.Status(live.Html));

        AssertPlotlyJsOnceBeforeTheCharts(cells);
        var charts = Charts(cells);
        Assert.Equal(2, charts.Length);
        var (lineOutput, line) = charts[0];
        Assert.Equal("display_data", lineOutput.Type);
        Assert.Equal(new[] { "cart", "home", "search", "late update" }, Figure.Names(line));
        foreach (var page in pages)
        {
            Assert.Equal(PageViews.ChartPoints(page), Figure.Points(line, page));
        }

        Assert.Equal(PageViews.LatePoints(), Figure.Points(line, "late update"));
        Assert.Equal($"{pages.Length} keys, {windows.Length} points · watermark Wmax · completed", Html.Status(lineOutput.Html));

        var (progressOutput, progress) = charts[1];
        Assert.Equal(new[] { "watermark", "highest record timestamp (lag shaded)", "late record" }, Figure.Names(progress));
        Assert.Equal(
            new[] { 333, 777, 1111 }.Select(i => DateTimeOffset.FromUnixTimeMilliseconds(views[i].Time).ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)),
            Figure.Points(progress, "late record").Select(p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]));
        Assert.Equal("1,200 records · highest timestamp 2024-06-01 09:01:00.350 UTC · watermark Wmax · 3 late records · completed", Html.Status(progressOutput.Html));

        var graph = Assert.Single(All(cells), o => o.Html.Contains("<svg class=\"rxs-graph\"", StringComparison.Ordinal));
        Assert.Contains("event-time stream of WindowResult&lt;string, long&gt; (subscribe to run it)", graph.Html, StringComparison.Ordinal);
        Assert.Equal(new[] { "Rx.SelectMany", "WithEventTime", "Measure input", "WindowCount" }, Nodes(graph.Html));
        Assert.Equal(new[] { "forward", "forward", "forward" }, Exchanges(graph.Html));

        var totals = views.Where(v => v.I is not (333 or 777 or 1111)).GroupBy(v => v.Page).ToDictionary(g => g.Key, g => g.Count());
        var frame = Tables(cells[^1].Single(o => o.Type == "execute_result").Html).Single();
        Assert.Equal(new[] { "home", "search", "cart" }.Select((page, i) => $"{i}|{page}|{totals[page]}"), frame);
        Assert.Equal(1197, totals.Values.Sum());
    }

    [Fact]
    public void Time_semantics_counts_the_same_readings_differently_by_arrival_and_by_measurement()
    {
        var cells = Load("02-time-semantics.ipynb");
        var side = Assert.Single(All(cells), o => o.Html.Contains("processing time: readings per 10 s of arrival", StringComparison.Ordinal));

        var tables = Tables(side.Html);
        Assert.Equal(new[] { "[0, 10000)|4|on time", "[20000, 30000)|11|on time" }, tables[0]);
        Assert.Equal(new[] { "[0, 10000)|5|on time", "[10000, 20000)|5|on time", "[20000, 30000)|5|on time" }, tables[1]);

        AssertPlotlyJsOnceBeforeTheCharts(cells);
        var (output, progress) = Assert.Single(Charts(cells));
        // Arrival (virtual processing) time in seconds = measured (event) time: 0.3 s after measurement, or in the upload burst from 21 s.
        Assert.Equal(
            new[] { "0.3=0", "2.3=2000", "4.3=4000", "6.3=6000", "21=8000", "21.1=10000", "21.2=12000", "21.3=14000", "21.4=16000", "21.5=18000", "21.6=20000", "22.3=22000", "24.3=24000", "26.3=26000", "28.3=28000" },
            Figure.Points(progress, "highest record timestamp (lag shaded)"));
        Assert.Equal("processing time (s)", Figure.Axis(progress, "xaxis"));
        Assert.EndsWith("· 0 late records · completed", Html.Status(output.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void Watermarks_notebook_shows_the_timeline_late_updates_the_side_output_and_the_parameter_table()
    {
        var cells = Load("03-watermarks-and-late-data.ipynb");

        var timeline = Assert.Single(All(cells), o => o.Html.Contains("<svg class=\"rxs-timeline\"", StringComparison.Ordinal));
        Assert.Equal(40, Regex.Count(timeline.Html, "<circle class=\"record"));
        Assert.Equal(new[] { "OnTime", "OnTime", "OnTime", "OnTime", "OnTime", "OnTime", "Late", "OnTime", "OnTime" },
            Regex.Matches(timeline.Html, "<g class=\"firing\" data-firing=\"([^\"]*)\"").Select(m => m.Groups[1].Value));

        var side = Assert.Single(All(cells), o => o.Html.Contains("late readings, in the side output", StringComparison.Ordinal));
        var tables = Tables(side.Html);
        Assert.Equal(
            new[]
            {
                "b|[0, 5000)|4|on time", "a|[0, 5000)|7|on time", "a|[5000, 10000)|6|on time", "b|[5000, 10000)|3|on time",
                "b|[10000, 15000)|3|on time", "a|[10000, 15000)|7|on time", "a|[10000, 15000)|8|late #1",
                "a|[15000, 20000)|4|on time", "b|[15000, 20000)|3|on time",
            },
            tables[0]);
        Assert.Equal(new[] { "0|4000|a|4000", "1|9000|b|9000" }, tables[1]);

        var sweep = Tables(Assert.Single(All(cells), o => o.Type == "execute_result" && o.Html.Contains("<th>BoundSeconds</th>", StringComparison.Ordinal)).Html).Single();
        Assert.Equal(
            new[] { "0|0|0|8|0|4", "1|0|2|8|1|3", "2|0|8|8|4|0", "3|1|0|8|0|3", "4|1|2|8|1|2", "5|1|8|8|3|0", "6|2|0|8|0|3", "7|2|2|8|1|2", "8|2|8|8|3|0" },
            sweep);
    }

    [Fact]
    public void Watermarks_notebook_explains_why_windows_have_not_fired()
    {
        var cells = Load("03-watermarks-and-late-data.ipynb");

        // Three explanations: b silent (not idle) holds the Union; with b idle, a's 1 s bound holds the last window;
        // with a's bound at one minute, that bound holds the first window.
        var explained = All(cells).Where(o => o.Html.Contains("<div class=\"rxs rxs-explain\">", StringComparison.Ordinal)).ToArray();
        Assert.Equal(new[] { "Silent", "Bound", "Bound" }, explained.Select(o => Regex.Match(o.Html, "<div class=\"hold\" data-reason=\"([^\"]*)\"").Groups[1].Value));
        Assert.Contains("<b>WindowCount #5</b>: [0, 10000) waits for watermark <b>10000</b>; the watermark is 4000.", explained[0].Html, StringComparison.Ordinal);
        Assert.Contains("Held back by <b class=\"input\">WithEventTime &quot;b&quot;</b>: it is silent and not marked idle.", explained[0].Html, StringComparison.Ordinal);
        Assert.Contains("[50000, 60000) waits for watermark <b>60000</b>; the watermark is 59000.", explained[1].Html, StringComparison.Ordinal);
        Assert.Contains("A bound of 50 s (10 s less) would fire [0, 10000) now", explained[2].Html, StringComparison.Ordinal);

        var text = Assert.Single(All(cells), o => o.Type == "execute_result" && o.Text.StartsWith("WindowCount #5: [0, 10000) waits", StringComparison.Ordinal) && !o.Html.Contains("rxs-explain", StringComparison.Ordinal));
        Assert.Contains("Held back by WithEventTime \"b\" via Union #4: silent, not marked idle.", text.Text, StringComparison.Ordinal);
        Assert.Contains("windows fired after a minute: 0", All(cells).Select(o => o.Text));

        var released = Tables(Assert.Single(All(cells), o => o.Html.Contains("<b>fired once b is idle</b>", StringComparison.Ordinal)).Html).Single();
        Assert.Equal(
            new[] { "a|[0, 10000)|9", "a|[10000, 20000)|10", "a|[20000, 30000)|10", "a|[30000, 40000)|10", "a|[40000, 50000)|10" },
            released.Where(row => row.StartsWith("a|", StringComparison.Ordinal)).Select(row => string.Join('|', row.Split('|').Take(3))));
    }

    [Fact]
    public void Windows_notebook_shows_tumbling_sliding_and_session_windows_side_by_side()
    {
        var cells = Load("04-windows.ipynb");
        var side = Assert.Single(All(cells), o => o.Html.Contains("sessions, 3 s gap</b>", StringComparison.Ordinal));

        var tables = Tables(side.Html);
        Assert.Equal(5, tables[0].Length);
        Assert.Equal(24, tables[1].Sum(row => int.Parse(row.Split('|')[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(
            new[] { "u1|[0, 5000)|3|on time", "u2|[5000, 9000)|2|on time", "u1|[12000, 16000)|2|on time", "u2|[20000, 27000)|4|on time", "u1|[30000, 33000)|1|on time" },
            tables[2]);
        var timelines = Assert.Single(All(cells), o => o.Html.Contains("<svg class=\"rxs-timeline\"", StringComparison.Ordinal));
        Assert.Equal(3, Regex.Count(timelines.Html, "<svg class=\"rxs-timeline\""));
        Assert.Equal(3, Regex.Count(timelines.Html, "<g class=\"entry\" data-entry=\"u1\">"));   // each user in the legend, in its colour

        AssertPlotlyJsOnceBeforeTheCharts(cells);
        var (_, sliding) = Assert.Single(Charts(cells));
        Assert.Equal(new[] { "u1", "u2" }, Figure.Names(sliding));
        Assert.Equal(new[] { "5000=3", "10000=3", "15000=2", "20000=2", "35000=1", "40000=1" }, Figure.Points(sliding, "u1"));
        Assert.Equal(new[] { "10000=2", "15000=2", "25000=4", "30000=4" }, Figure.Points(sliding, "u2"));
    }

    [Fact]
    public void Graph_notebook_shows_parallel_operators_exchanges_results_and_channel_metrics()
    {
        var cells = Load("05-dataflow-graph-and-parallelism.ipynb");
        var graphs = All(cells).Where(o => o.Html.Contains("<svg class=\"rxs-graph\"", StringComparison.Ordinal)).ToArray();

        Assert.Equal(3, graphs.Length);
        Assert.Equal(new[] { "Rx.Select", "WithEventTime", "WindowMax ×2" }, Nodes(graphs[0].Html));
        Assert.Equal(new[] { "forward", "hash" }, Exchanges(graphs[0].Html));
        Assert.Equal(new[] { "Rx.Select", "WithEventTime", "Where ×3", "WindowCount ×2" }, Nodes(graphs[1].Html));
        Assert.Equal(new[] { "forward", "rebalance", "hash" }, Exchanges(graphs[1].Html));
        Assert.Equal(new[] { "forward", "broadcast" }, Exchanges(graphs[2].Html));
        Assert.Contains(All(cells), o => o.Text == "100 window results from 10 sensors");

        var metrics = Assert.Single(All(cells), o => o.Html.Contains("rxs-metrics", StringComparison.Ordinal));
        var channels = Tables(metrics.Html).Single();
        Assert.Equal(new[] { "hash task 0 input 0", "hash task 1 input 0" }, channels.Select(row => row.Split('|')[0]));
        Assert.All(channels, row => Assert.Equal("0", row.Split('|')[5])); // nothing dropped
    }

    [Fact]
    public void Virtual_time_notebook_shows_each_step_and_passes_its_assertions()
    {
        var cells = Load("06-testing-in-virtual-time.ipynb");
        var text = string.Concat(All(cells).Select(o => WebUtility.HtmlDecode(Regex.Replace(o.Html, "<[^>]+>", " ")) + o.Text));

        Assert.Contains("after 3 s: [a@1 b@5 W4]", text, StringComparison.Ordinal);
        Assert.Contains("at the end: [a@1 b@5 W4 d@9 Wmax], late: 1", text, StringComparison.Ordinal);
        Assert.Contains(All(cells), o => o.Text == "passed");
        Assert.Contains("2 s: W1500", text, StringComparison.Ordinal);
        Assert.Contains("4 s: W3500", text, StringComparison.Ordinal);
    }

    [Fact]
    public void State_and_checkpoints_notebook_recovers_from_a_crash_and_resumes_from_its_directory()
    {
        var cells = Load("07-state-and-checkpoints.ipynb");
        var text = string.Concat(All(cells).Select(o => WebUtility.HtmlDecode(Regex.Replace(o.Html, "<[^>]+>", " ")) + o.Text));

        Assert.Contains("W8 ann: session of 2@15 W16 bob: session of 2@22 ann: session of 1@40 Wmax", text, StringComparison.Ordinal);
        Assert.Contains("restarts: 1, restored from checkpoint 2, results: 15 with the crash, 13 distinct, 13 without; same results: True", text, StringComparison.Ordinal);
        Assert.Contains("chk-1, chk-2, chk-3 — 6 results so far", text, StringComparison.Ordinal);
        Assert.Contains("resumed from checkpoint 3; 9 more results; together with the first part: True", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Delivery_guarantees_notebook_shows_each_promise_kept_under_crashes()
    {
        var cells = Load("08-delivery-guarantees.ipynb");
        var table = Tables(cells[3].Single(o => o.Type == "execute_result").Html).Single();

        Assert.Equal(4, table.Length);
        Assert.Matches(@"^0\|EndToEndExactlyOnce\|transactional\|60\|[1-9][0-9]+\|[1-9][0-9]*\|0\|0\|0\|True$", table[0]);
        Assert.Matches(@"^1\|ExactlyOnce\|plain\|60\|[1-9][0-9]+\|[1-9][0-9]*\|0\|[1-9][0-9]*\|0\|True$", table[1]);
        Assert.Matches(@"^2\|AtLeastOnce\|plain\|60\|[1-9][0-9]+\|[1-9][0-9]*\|0\|[1-9][0-9]*\|[0-9]+\|True$", table[2]);
        Assert.Matches(@"^3\|AtMostOnce\|plain\|60\|[1-9][0-9]+\|[1-9][0-9]*\|[1-9][0-9]*\|0\|[0-9]+\|True$", table[3]);
        var refused = cells[4].Single(o => o.Type == "execute_result");
        Assert.Contains(
            "End-to-end exactly-once needs exactly-once sinks, and the sink 'ConsoleSink' is AtLeastOnce",
            System.Net.WebUtility.HtmlDecode(refused.Html + refused.Text),
            StringComparison.Ordinal);
    }
}
