using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RxStreams;

// File source parsing throughput, one core: a generated file of sensor readings (sensor,timestamp,value) read as CSV
// and as JSON lines by FileSource (outside a job: read to the end on Subscribe), against a plain loop of
// StreamReader.ReadLine + string.Split + long/double.Parse, and StreamReader.ReadLine + JsonSerializer.Deserialize.
// Both sides build the same Reading (a string per sensor name) and add it to the same checksum.
// Usage: RxStreams.Source.Bench [--records N] [--runs R] [--sensors S] [--breakdown]
// --breakdown adds informational CSV rows: finding lines and splitting fields only, numbers only, the string only.
var records = Arg("--records", 1_000_000);
var runs = Arg("--runs", 5);
var sensors = Arg("--sensors", 1000);
var breakdown = Array.IndexOf(args, "--breakdown") >= 0;
var directory = Path.Combine(Path.GetTempPath(), "rxstreams-source-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
try
{
    var csv = Path.Combine(directory, "readings.csv");
    var json = Path.Combine(directory, "readings.jsonl");
    Generate(csv, json, records, sensors);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RxStreams.Source.Bench: {records:N0} sensor readings, {sensors:N0} sensors, CSV {new FileInfo(csv).Length / 1e6:N1} MB, JSON lines {new FileInfo(json).Length / 1e6:N1} MB, " +
        $"best of {runs}, {Environment.ProcessorCount} CPU(s), .NET {Environment.Version}"));
    Console.WriteLine($"{"case",-58} {"M rec/s",8} {"MB/s",8} {"B/rec",7}  checksum");

    var ok = true;
    var csvPlain = Measure("CSV: StreamReader.ReadLine + string.Split + Parse", csv, () => PlainCsv(csv));
    var csvSource = Measure("CSV: FileSource.Csv (CsvRow.GetString/GetInt64/GetDouble)", csv, () => SourceCsv(csv));
    var csvCached = Measure("CSV: FileSource.Csv, sensor by GetCachedString", csv, () => SourceCsvMapped(csv, row => new Reading(row.GetCachedString(0), row.GetInt64(1), row.GetDouble(2))));
    ok &= Same(csvPlain, csvSource) && Same(csvPlain, csvCached);
    if (breakdown)
    {
        // Where the time goes, informational (other checksums): finding lines and splitting fields only; the numbers without the string.
        Measure("  breakdown: FileSource.Csv, row => row.FieldCount", csv, () => SourceCsvMapped(csv, row => new Reading(string.Empty, row.FieldCount, 0)));
        Measure("  breakdown: FileSource.Csv, GetInt64 + GetDouble, no string", csv, () => SourceCsvMapped(csv, row => new Reading(string.Empty, row.GetInt64(1), row.GetDouble(2))));
        Measure("  breakdown: FileSource.Csv, GetString only", csv, () => SourceCsvMapped(csv, row => new Reading(row.GetString(0), 0, 0)));
    }

    var jsonPlain = Measure("JSON lines: StreamReader.ReadLine + JsonSerializer", json, () => PlainJson(json));
    var jsonSource = Measure("JSON lines: FileSource.JsonLines (JsonTypeInfo)", json, () => SourceJson(json));
    ok &= Same(jsonPlain, jsonSource) && Same(csvPlain, jsonPlain);
    Console.WriteLine(ok ? "All checksums agree." : "CHECKSUMS DIFFER");
    return ok ? 0 : 1;
}
finally
{
    Directory.Delete(directory, recursive: true);
}

(long Count, double Sum, long Hash) Measure(string name, string path, Func<(long Count, double Sum, long Hash)> run)
{
    var bytes = new FileInfo(path).Length;
    var result = run(); // warm-up: JIT and the page cache
    var best = TimeSpan.MaxValue;
    long allocated = 0;
    for (var i = 0; i < runs; i++)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        result = run();
        watch.Stop();
        if (watch.Elapsed < best)
        {
            best = watch.Elapsed;
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-58} {result.Count / best.TotalSeconds / 1e6,8:N2} {bytes / best.TotalSeconds / 1e6,8:N1} {allocated / (double)result.Count,7:N1}  {result.Count}/{result.Sum:R}/{result.Hash}"));
    return result;
}

static bool Same((long Count, double Sum, long Hash) a, (long Count, double Sum, long Hash) b) => a == b;

static (long, double, long) PlainCsv(string path)
{
    var sum = new Sum();
    using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    reader.ReadLine(); // header
    while (reader.ReadLine() is { } line)
    {
        var fields = line.Split(',');
        sum.Add(new Reading(fields[0], long.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[2], CultureInfo.InvariantCulture)));
    }

    return sum.Result;
}

static (long, double, long) SourceCsv(string path)
{
    var sum = new Sum();
    using (FileSource.Csv(path, row => new Reading(row.GetString(0), row.GetInt64(1), row.GetDouble(2)), new CsvOptions { HasHeader = true })
        .Subscribe(sum.Add, e => throw e))
    {
    }

    return sum.Result;
}

static (long, double, long) SourceCsvMapped(string path, CsvRowMapper<Reading> map)
{
    var sum = new Sum();
    using (FileSource.Csv(path, map, new CsvOptions { HasHeader = true }).Subscribe(sum.Add, e => throw e))
    {
    }

    return sum.Result;
}

static (long, double, long) PlainJson(string path)
{
    var sum = new Sum();
    using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    while (reader.ReadLine() is { } line)
    {
        sum.Add(JsonSerializer.Deserialize(line, BenchJson.Default.Reading)!);
    }

    return sum.Result;
}

static (long, double, long) SourceJson(string path)
{
    var sum = new Sum();
    using (FileSource.JsonLines(path, BenchJson.Default.Reading).Subscribe(sum.Add, e => throw e))
    {
    }

    return sum.Result;
}

static void Generate(string csv, string json, int records, int sensors)
{
    var random = new Random(42);
    using var csvWriter = new StreamWriter(csv, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    using var jsonWriter = new StreamWriter(json, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    csvWriter.WriteLine("sensor,timestamp,value");
    var start = 1_767_225_600_000L;
    for (var i = 0; i < records; i++)
    {
        var sensor = "sensor-" + random.Next(sensors).ToString(CultureInfo.InvariantCulture);
        var timestamp = start + (i * 10L) + random.Next(100);
        var value = Math.Round((random.NextDouble() * 200) - 50, 3);
        csvWriter.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sensor},{timestamp},{value:R}"));
        jsonWriter.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"sensor\":\"{sensor}\",\"timestamp\":{timestamp},\"value\":{value:R}}}"));
    }
}

int Arg(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

/// <summary>A sensor reading.</summary>
internal sealed record Reading(string Sensor, long Timestamp, double Value);

/// <summary>The same sum of every reading for each reader, so a benchmark cannot measure broken code.</summary>
internal sealed class Sum
{
    private long _count;
    private double _sum;
    private long _hash;

    public (long Count, double Sum, long Hash) Result => (_count, _sum, _hash);

    public void Add(Reading reading)
    {
        _count++;
        _sum += reading.Value;
        _hash = unchecked((_hash * 31) + reading.Timestamp + reading.Sensor.Length);
    }
}

/// <summary>Source-generated JSON metadata for <see cref="Reading"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Reading))]
internal sealed partial class BenchJson : JsonSerializerContext;
