using System;
using System.Collections.Generic;

namespace RxStreams.Quickstart;

/// <summary>One temperature reading: which sensor, how warm, and when it was measured (event time).</summary>
/// <param name="Sensor">The sensor's name.</param>
/// <param name="Celsius">The temperature, rounded to 0.1 °C.</param>
/// <param name="Timestamp">When it was measured, in milliseconds since the Unix epoch.</param>
internal sealed record Reading(string Sensor, double Celsius, long Timestamp);

/// <summary>
/// A deterministic, generated feed of readings in arrival order. Reading <c>i</c> arrives about <c>2 s + i × 100 ms</c>
/// after <see cref="Start"/>; most were measured within 100 ms before, some up to 2 s before (out of order, but within
/// the pipeline's bound), and the readings at <see cref="VeryLate"/> much earlier: behind the watermark.
/// </summary>
internal static class TemperatureFeed
{
    /// <summary>The event time of the first reading: 2025-01-01 08:00:00 UTC.</summary>
    public static readonly long Start = new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>The sensors, and the temperature each one hovers around.</summary>
    public static readonly (string Name, int BaselineCelsius)[] Sensors =
    [
        ("north", 17),
        ("south", 24),
        ("east", 20),
        ("west", 21),
    ];

    /// <summary>
    /// Positions in the feed of the readings that arrive far behind, and by how much (milliseconds): two just after
    /// their minute's window fired (a late firing updates it), two after it closed for good (the side output).
    /// </summary>
    private static readonly Dictionary<int, int> VeryLate = new() { [630] = 8_000, [2_350] = 60_000, [3_050] = 9_000, [4_450] = 30_000 };

    /// <summary>The first <paramref name="count"/> readings, the same for the same <paramref name="seed"/>.</summary>
    /// <param name="count">How many readings.</param>
    /// <param name="seed">The seed of the random generator.</param>
    public static List<Reading> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var readings = new List<Reading>(count);
        for (var i = 0; i < count; i++)
        {
            var (name, baseline) = Sensors[random.Next(Sensors.Length)];
            var delay = VeryLate.TryGetValue(i, out var late) ? late
                : random.NextDouble() < 0.3 ? random.Next(100, 2_000)
                : random.Next(0, 100);
            var timestamp = Start + 2_000 + (i * 100L) - delay;

            // A slow swing of ±2 °C over 5 minutes (a triangle wave), plus noise; in whole tenths of a degree, so
            // the feed is the same on every platform (no floating-point functions).
            var phase = (((timestamp - Start) % 300_000) + 300_000) % 300_000;
            var swing = phase < 150_000 ? -20 + (40 * phase / 150_000) : 20 - (40 * (phase - 150_000) / 150_000);
            var tenths = (baseline * 10) + (int)swing + random.Next(-8, 9);
            readings.Add(new Reading(name, tenths / 10.0, timestamp));
        }

        return readings;
    }
}
