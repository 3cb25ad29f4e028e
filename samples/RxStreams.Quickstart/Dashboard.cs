using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RxStreams;

namespace RxStreams.Quickstart;

/// <summary>
/// Prints the quickstart's progress: a status line each time the watermark passes a whole 30 s of event time, each
/// late reading as it is diverted, and a summary table at the end.
/// </summary>
internal sealed class Dashboard
{
    private const long StatusEveryMs = 30_000;
    private readonly string[] _sensors;
    private readonly Dictionary<string, long> _count = [];
    private readonly Dictionary<string, double> _max = [];
    private readonly Dictionary<string, double> _average = [];
    private readonly Dictionary<string, int> _late = [];
    private long _watermark = Watermark.MinValue;
    private int _lateTotal;

    /// <summary>Creates the dashboard for the given sensors, in column order.</summary>
    /// <param name="sensors">The sensors.</param>
    public Dashboard(IEnumerable<(string Name, int BaselineCelsius)> sensors) =>
        _sensors = sensors.Select(s => s.Name).ToArray();

    /// <summary>The rolling count of a sensor changed.</summary>
    /// <param name="result">The sensor and its count.</param>
    public void OnCount(Keyed<string, long> result) => _count[result.Key] = result.Value;

    /// <summary>The rolling maximum of a sensor changed.</summary>
    /// <param name="result">The sensor and its maximum.</param>
    public void OnMax(Keyed<string, double> result) => _max[result.Key] = result.Value;

    /// <summary>The rolling average of a sensor changed.</summary>
    /// <param name="result">The sensor and its average.</param>
    public void OnAverage(Keyed<string, double> result) => _average[result.Key] = result.Value;

    /// <summary>A reading arrived behind the watermark and was diverted.</summary>
    /// <param name="reading">The late reading with its timestamp.</param>
    public void OnLate(Record<Reading> reading)
    {
        _lateTotal++;
        _late[reading.Value.Sensor] = _late.GetValueOrDefault(reading.Value.Sensor) + 1;
        Console.WriteLine(Invariant(
            $"  LATE  {reading.Value.Sensor} {reading.Value.Celsius:F1} C measured at {Time(reading.Timestamp)}, {(_watermark - reading.Timestamp) / 1000.0:F1} s behind the watermark: diverted"));
    }

    /// <summary>The watermark advanced; prints a status line when it passed a whole 30 s.</summary>
    /// <param name="watermark">The new watermark.</param>
    public void OnWatermark(long watermark)
    {
        var previous = _watermark;
        _watermark = watermark;
        if (watermark == Watermark.MaxValue)
        {
            Console.WriteLine("Input completed: the watermark jumps to the end of time (Wmax).");
        }
        else if (previous != Watermark.MinValue && watermark / StatusEveryMs > previous / StatusEveryMs)
        {
            var cells = _sensors.Select(s => _count.ContainsKey(s) ? Invariant($"{_max[s],4:F1} / {_average[s],5:F2}") : "-");
            Console.WriteLine(Invariant($"{Time(watermark)}  {string.Join("  ", cells.Select(c => c.PadRight(14)))}  {_lateTotal,4}"));
        }
    }

    /// <summary>Prints what the run is about and the column headers.</summary>
    /// <param name="readings">How many readings the feed has.</param>
    public void PrintHeader(int readings)
    {
        Console.WriteLine(Invariant($"RxStreams quickstart: {readings:N0} temperature readings from {_sensors.Length} sensors, up to 2 s out of order."));
        Console.WriteLine("Every 30 s of event time: rolling max / average (C) per sensor, and how many readings were late.");
        Console.WriteLine();
        Console.WriteLine($"watermark     {string.Join("  ", _sensors.Select(s => (s + " max/avg").PadRight(14)))}  late");
    }

    /// <summary>Prints the final table per sensor and the late count.</summary>
    /// <param name="late">The side output that received the late readings.</param>
    public void PrintSummary(SideOutput<Record<Reading>> late)
    {
        Console.WriteLine();
        Console.WriteLine("sensor   readings    max C    avg C   late");
        foreach (var s in _sensors)
        {
            Console.WriteLine(Invariant($"{s,-8} {_count.GetValueOrDefault(s),8} {_max.GetValueOrDefault(s),8:F1} {_average.GetValueOrDefault(s),8:F2} {_late.GetValueOrDefault(s),6}"));
        }

        Console.WriteLine(Invariant($"total    {_count.Values.Sum(),8}                   {_lateTotal,6}"));
        Console.WriteLine();
        Console.WriteLine(Invariant($"{late.Count} late readings went to the side output '{late.Name}' instead of the aggregations."));
    }

    private static string Time(long timestamp) =>
        EventTime.ToDateTimeOffset(timestamp).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
