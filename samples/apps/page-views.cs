#:package RxStreams.Interactive@0.1.0-local
// Page views per page in 10 s event-time windows, with late views, as an HTML page that updates while the app runs.
//   dotnet run samples/apps/page-views.cs [output folder]
// then open page-views.html in a browser (it reloads itself until the stream ends, and works offline).
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxStreams;
using RxStreams.Interactive.Live;
using RxStreams.Interactive.Reports;

var folder = args.Length > 0 ? args[0] : ".";
var report = new HtmlReport(Path.Combine(folder, "page-views.html"), "Page views per 10 s window");
Console.WriteLine($"open {report.Path}");

// 1,200 views of three pages from 09:00 UTC, 10 every 20 ms; views 333, 777 and 1111 arrive 8, 15 and 25 s late.
string[] pages = ["home", "search", "cart"];
var nine = new DateTimeOffset(2024, 6, 1, 9, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
long Behind(int i) => i switch { 333 => 8_000, 777 => 15_000, 1111 => 25_000, _ => 0 };
(string Page, long Time) View(int i) => (pages[(i * i + i / 10) % 3], nine + i * 50L + (i % 5) * 100 - Behind(i));
var views = Observable.Interval(TimeSpan.FromMilliseconds(20))
    .Take(120)
    .SelectMany(batch => Enumerable.Range((int)batch * 10, 10).Select(View));

var metrics = new StreamMetrics(Scheduler.Default);
var late = new SideOutput<Record<(string Page, long Time)>>("late views");
var events = views.WithEventTime(v => v.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(1)));
var counts = events
    .Measure("input", metrics)
    .KeyBy(v => v.Page)
    .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
    .AllowedLateness(TimeSpan.FromSeconds(10))
    .SideOutputLateData(late)
    .Count();
var perPage = counts.Publish();   // one pipeline, shown twice

report.AddText("Each page's views per 10 s of event time. A window fires when the watermark (1 s behind the newest view) passes its end; a view up to 10 s late updates its window again, a later one goes to the side output.");
var table = report.DisplayLive(perPage, new LiveViewOptions { Title = "Page views per 10 s window", LateRecords = () => late.Count, Metrics = metrics, MeasuringPoint = "input" });
var chart = report.ChartLive(perPage, new LiveViewOptions { Title = "Page views per 10 s window" });
var watermark = report.ChartWatermarksLive(events, new LiveViewOptions { Title = "Watermark of the page views" }); // runs the views again
var throughput = report.ChartThroughputLive(events, new LiveViewOptions { Title = "Page views per second" }, TimeSpan.FromMilliseconds(250));
report.Add(counts.DescribeGraph());

using (perPage.Connect())
{
    await Task.WhenAll(table.Completion, chart.Completion, watermark.Completion, throughput.Completion);
}

report.Complete();
Console.WriteLine($"{late.Count} view(s) too late even for the allowed lateness; wrote {report.Path}");
