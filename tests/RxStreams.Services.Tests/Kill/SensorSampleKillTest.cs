using System.Diagnostics;
using System.IO;
using Npgsql;
using RxStreams.Services.Tests.Services;

namespace RxStreams.Services.Tests.Kill;

/// <summary>
/// Issue 10's process-kill proof of end-to-end exactly-once: the sample (CSV file source -> keyed 10 s windows with
/// lateness -> PostgreSQL two-phase-commit sink, or the file sink) runs as a child process that is killed with SIGKILL
/// at random moments, 20 times, each time started again on its checkpoint directory. The committed output is then
/// exactly that of a run never killed: no row missing, none twice, without de-duplication; no prepared transaction left.
/// </summary>
[Collection(nameof(ServicesCollection))]
public sealed class SensorSampleKillTest(LocalServices services) : IDisposable
{
    private const int Kills = 20;
    private readonly string _root = Directory.CreateTempSubdirectory("rxstreams-sensor-kill-").FullName;

    [Theory]
    [InlineData("postgres")]
    [InlineData("files")]
    public void KilledTwentyTimesTheSampleCommitsEveryWindowExactlyOnce(string sink)
    {
        var expected = Output(sink, "clean", kill: false, out _);
        Assert.True(expected.Count > 100, $"only {expected.Count} rows");
        Assert.Equal(expected.Count, expected.Distinct().Count());

        var actual = Output(sink, "killed", kill: true, out var kills);

        Assert.True(kills >= 10, $"only {kills} of {Kills} runs were killed before they finished");
        Assert.True(
            expected.SequenceEqual(actual),
            $"{actual.Count} rows against {expected.Count}; missing: {string.Join(" | ", expected.Except(actual).Take(5))}; " +
            $"twice: {string.Join(" | ", actual.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).Take(5))}");
        if (sink == "postgres")
        {
            using var connection = services.Postgres.Open();
            using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_xacts", connection);
            Assert.Equal(0L, (long)prepared.ExecuteScalar()!);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may hold a file for a moment; the temporary directory is left to the system.
        }
    }

    /// <summary>Runs the sample on a fresh directory (killing it <see cref="Kills"/> times first when asked), then reads what it committed, sorted.</summary>
    private List<string> Output(string sink, string name, bool kill, out int kills)
    {
        var directory = Path.Combine(_root, name);
        Directory.CreateDirectory(directory);
        var target = sink == "postgres" ? Database(name) : Path.Combine(directory, "parts");
        var random = new Random(11);
        kills = 0;
        for (var attempt = 0; kill && attempt < Kills; attempt++)
        {
            using var child = Start(directory, sink, target, paced: true);
            System.Threading.Thread.Sleep(random.Next(150, 900));
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
                kills++;
            }

            child.WaitForExit();
        }

        using (var last = Start(directory, sink, target, paced: false))
        {
            var output = last.StandardOutput.ReadToEndAsync();
            var errors = last.StandardError.ReadToEndAsync();
            Assert.True(last.WaitForExit(TimeSpan.FromSeconds(120)), "the last run did not finish");
            Assert.True(last.ExitCode == 0, $"the sample failed ({last.ExitCode}): {output.Result} {errors.Result}");
        }

        return sink == "postgres" ? Rows(target) : Lines(target);
    }

    private Process Start(string directory, string sink, string target, bool paced)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RxStreams.Sensors.dll"));
        info.ArgumentList.Add("--dir");
        info.ArgumentList.Add(directory);
        info.ArgumentList.Add(sink == "postgres" ? "--postgres" : "--files");
        info.ArgumentList.Add(target);
        if (paced)
        {
            // 60 ms per 20 readings: a paced run needs 15 s, more than 20 kills at most 0.9 s apart let it make, so
            // the kills land mid-run on a fast machine too; the last run is not paced.
            info.ArgumentList.Add("--pace-ms");
            info.ArgumentList.Add("60");
        }

        return Process.Start(info) ?? throw new InvalidOperationException("the sample did not start");
    }

    /// <summary>A database of its own for a run, so the clean and the killed run write the same table name apart.</summary>
    private string Database(string name)
    {
        var database = "sensors_" + name + "_" + Guid.NewGuid().ToString("N")[..8];
        using (var connection = services.Postgres.Open())
        using (var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection))
        {
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(services.Postgres.ConnectionString) { Database = database }.ConnectionString;
    }

    private static List<string> Rows(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT sensor, window_start, window_end, firing, readings, max, mean FROM window_summaries", connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(
                ",",
                reader.GetString(0),
                reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                reader.GetInt64(2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                reader.GetInt32(3).ToString(System.Globalization.CultureInfo.InvariantCulture),
                reader.GetInt64(4).ToString(System.Globalization.CultureInfo.InvariantCulture),
                reader.GetDouble(5).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                reader.GetDouble(6).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>The lines of the committed part files (a hidden part, starting with a dot, is not committed).</summary>
    private static List<string> Lines(string directory)
    {
        var lines = Directory.GetFiles(directory).Where(f => !Path.GetFileName(f).StartsWith('.')).SelectMany(File.ReadAllLines).ToList();
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
