#:package RxStreams.Interactive@0.1.0-local
// "Why hasn't my window fired?" as an HTML page: two sensors merged into 10 s windows, one of them silent.
//   dotnet run samples/apps/why-no-window.cs [output folder]
// then open why-no-window.html. The same report prints as text below.
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxStreams;
using RxStreams.Interactive.Reports;

var folder = args.Length > 0 ? args[0] : ".";
var report = new HtmlReport(Path.Combine(folder, "why-no-window.html"), "Why hasn't my window fired?");

// Sensors a and b read once a second of a virtual clock; b stops after `secondsOfB` without ending.
(List<WindowResult<string, long>> Fired, WindowExplainer Explainer) Run(int secondsOfB, TimeSpan? idlenessOfB)
{
    var clock = new HistoricalScheduler();
    var explainer = new WindowExplainer(clock);
    IObservable<StreamElement<Reading>> Sensor(string name, int seconds, WatermarkStrategy strategy) =>
        Observable.Interval(TimeSpan.FromSeconds(1), clock)
            .Take(seconds)
            .Concat(Observable.Never<long>())
            .Select(i => new Reading(name, (i + 1) * 1_000))
            .WithEventTime(r => r.Time, strategy)
            .Uid(name);

    var strategyOfB = WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(1));
    if (idlenessOfB is { } timeout)
    {
        strategyOfB = strategyOfB.WithIdleness(timeout, clock);
    }

    var fired = new List<WindowResult<string, long>>();
    Sensor("a", 60, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(1)))
        .Union(Sensor("b", secondsOfB, strategyOfB))
        .KeyBy(r => r.Sensor)
        .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
        .Count()
        .WithExplainer(explainer)
        .Values()
        .Subscribe(fired.Add);
    clock.AdvanceBy(TimeSpan.FromMinutes(1));
    return (fired, explainer);
}

var stalled = Run(secondsOfB: 5, idlenessOfB: null);
report.AddText($"After a minute of readings, {stalled.Fired.Count} windows have fired. The explainer says why:");
report.Add(stalled.Explainer.Explain());
Console.WriteLine(stalled.Explainer.Explain());

var released = Run(secondsOfB: 5, idlenessOfB: TimeSpan.FromSeconds(10));
report.AddText($"With WithIdleness(10 s) on sensor b, as it suggests, {released.Fired.Count} windows fire:");
report.AddResults(released.Fired, "fired once b is idle");
report.Add(released.Explainer.Explain());
report.Complete();
Console.WriteLine($"wrote {report.Path}");

record Reading(string Sensor, long Time);
