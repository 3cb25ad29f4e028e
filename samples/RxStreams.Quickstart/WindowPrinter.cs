using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RxStreams;

namespace RxStreams.Quickstart;

/// <summary>
/// Prints the quickstart's windows as they fire: one line per minute with every sensor's average once the watermark
/// passes the window's end, a line for each late firing (a window updated by a late reading), and one for each
/// reading too late even for that. Times are UTC.
/// </summary>
internal sealed class WindowPrinter
{
    private readonly string[] _sensors;
    private readonly SortedDictionary<long, (TimeWindow Window, Dictionary<string, double> Averages)> _fired = [];
    private long _watermark = Watermark.MinValue;
    private int _onTime;
    private int _lateFirings;

    /// <summary>Creates the printer for the given sensors, in column order.</summary>
    /// <param name="sensors">The sensors.</param>
    public WindowPrinter(IEnumerable<(string Name, int BaselineCelsius)> sensors) =>
        _sensors = sensors.Select(s => s.Name).ToArray();

    /// <summary>Follows the input's watermark, to tell how far behind it a late reading was.</summary>
    /// <param name="element">An element of the input.</param>
    public void OnInput(StreamElement<Reading> element)
    {
        if (element.IsWatermark)
        {
            _watermark = element.Timestamp;
        }
    }

    /// <summary>
    /// Takes an element of the results: on-time results wait for the watermark that fired them, which follows them,
    /// and then print as one line; a late firing prints at once.
    /// </summary>
    /// <param name="element">A window result or a watermark.</param>
    public void OnResult(StreamElement<WindowResult<string, double>> element)
    {
        if (element.IsRecord && element.Value.Firing == WindowFiring.Late)
        {
            var late = element.Value;
            _lateFirings++;
            Console.WriteLine(Invariant($"{Window(late.Window),-20} {late.Key} now {late.Value:F2}: late firing #{late.FiringIndex}, a reading came when the watermark was {(_watermark - late.Window.End) / 1000.0:F1} s past the end"));
        }
        else if (element.IsRecord)
        {
            _onTime++;
            if (!_fired.TryGetValue(element.Value.Window.Start, out var fired))
            {
                _fired[element.Value.Window.Start] = fired = (element.Value.Window, []);
            }

            fired.Averages[element.Value.Key] = element.Value.Value;
        }
        else if (element.IsWatermark)
        {
            foreach (var (window, averages) in _fired.Values)
            {
                var cells = _sensors.Select(s => averages.TryGetValue(s, out var average) ? Invariant($"{average,6:F2}") : "     -");
                var watermark = element.Timestamp == Watermark.MaxValue ? "Wmax (the input ended)" : Time(element.Timestamp);
                Console.WriteLine($"{Window(window),-20} {string.Join(" ", cells)}   {watermark}");
            }

            _fired.Clear();
        }
    }

    /// <summary>A reading arrived after its window had closed for good: it went to the side output.</summary>
    /// <param name="reading">The reading with its timestamp.</param>
    public void OnTooLate(Record<Reading> reading) =>
        Console.WriteLine(Invariant(
            $"{"",-20} {reading.Value.Sensor} {reading.Value.Celsius:F1} C measured at {Time(reading.Timestamp)}, {(_watermark - reading.Timestamp) / 1000.0:F1} s behind the watermark: too late, to the side output"));

    /// <summary>Prints what the run is about and the column headers.</summary>
    /// <param name="readings">How many readings the feed has.</param>
    public void PrintHeader(int readings)
    {
        Console.WriteLine(Invariant($"{readings:N0} readings from {_sensors.Length} sensors on {Day(TemperatureFeed.Start)} (UTC), up to 2 s out of order; average C per sensor and minute:"));
        Console.WriteLine();
        Console.WriteLine($"{"window",-20} {string.Join(" ", _sensors.Select(s => s.PadLeft(6)))}   fired when the watermark reached");
    }

    /// <summary>Prints how many results fired on time and late, and how many readings were too late.</summary>
    /// <param name="tooLate">The side output that received the readings too late for their windows.</param>
    public void PrintSummary(SideOutput<Record<Reading>> tooLate)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant($"{_onTime} on-time results, {_lateFirings} late firings, {tooLate.Count} readings in the side output '{tooLate.Name}'."));
    }

    private static string Window(TimeWindow window) => "[" + Clock(window.Start) + ", " + Clock(window.End) + ")";

    private static string Clock(long timestamp) =>
        EventTime.ToDateTimeOffset(timestamp).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Time(long timestamp) =>
        EventTime.ToDateTimeOffset(timestamp).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string Day(long timestamp) =>
        EventTime.ToDateTimeOffset(timestamp).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
