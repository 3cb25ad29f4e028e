using System.Diagnostics;
using System.Globalization;
using System.IO;
using RxStreams.Tests.Checkpoints.Storage;

namespace RxStreams.Tests.Ingestion.Files;

/// <summary>
/// The crash host (a real child process running a checkpointed keyed job into a checkpoint directory) reads its events
/// from a directory of CSV files and is killed with SIGKILL at random moments, 20 times, each time started again on the
/// same directory: the de-duplicated output of all the runs is the output of one run that was never killed and read the
/// same events from memory. Each restart reads the files from the byte offsets in the latest durable checkpoint.
/// </summary>
public sealed class FileSourceProcessKillTest : IDisposable
{
    private const int Events = 4000;
    private const int Files = 4;
    private readonly TempDirectory _root = new();

    [Fact]
    public void AJobReadingFilesKilledTwentyTimesResumesAtItsCheckpointedOffsetsAndLosesNothing()
    {
        WriteEvents(_root["input"]);
        var expected = CompleteLines(RunToEnd(csv: null));
        Assert.Equal(expected, CompleteLines(RunToEnd(_root["input"])));

        var random = new Random(11);
        var output = _root["killed.out"];
        var kills = 0;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var child = Start(_root["killed"], output, _root["input"]);
            var wanted = CompleteLines(output).Count + random.Next(1, 400);
            var deadline = Stopwatch.StartNew();
            while (!child.HasExited && CompleteLines(output).Count < wanted && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                System.Threading.Thread.Sleep(random.Next(1, 10));
            }

            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
                kills++;
            }

            child.WaitForExit();
        }

        using (var last = Start(_root["killed"], output, _root["input"]))
        {
            Assert.True(last.WaitForExit(TimeSpan.FromSeconds(120)), "the last run did not finish");
            Assert.True(last.ExitCode == 0, $"the last run failed ({last.ExitCode}): {Errors(output)}");
        }

        var actual = CompleteLines(output);
        var distinct = actual.Distinct().ToList();
        Assert.True(
            expected.SequenceEqual(distinct),
            $"missing: {string.Join(" | ", expected.Except(distinct).Take(10))}; unexpected: {string.Join(" | ", distinct.Except(expected).Take(10))}; errors: {Errors(output)}");
        var starts = File.ReadAllLines(output + ".starts");
        Assert.Equal(21, starts.Length);
        Assert.True(kills >= 5, $"only {kills} of 20 runs were killed before they finished");
        Assert.True(starts.Skip(1).Count(s => s != "start 0") >= 3, "few runs resumed from a checkpoint:\n" + string.Join("\n", starts));
    }

    public void Dispose()
    {
        try
        {
            _root.Dispose();
        }
        catch (IOException)
        {
            // A killed child may still hold a file for a moment; the temporary directory is left to the system.
        }
    }

    /// <summary>The crash host's events (the same seeded generator), in <see cref="Files"/> CSV files read in name order.</summary>
    private static void WriteEvents(string directory)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(42);
        var writers = Enumerable.Range(0, Files).Select(f => new StreamWriter(Path.Combine(directory, $"part-{f}.csv")) { NewLine = f % 2 == 0 ? "\n" : "\r\n" }).ToArray();
        for (var i = 0; i < Events; i++)
        {
            writers[i * Files / Events].WriteLine(string.Create(CultureInfo.InvariantCulture, $"k{random.Next(50)},{(i * 2L) + random.Next(20)}"));
        }

        foreach (var writer in writers)
        {
            writer.Dispose();
        }
    }

    private string RunToEnd(string? csv)
    {
        var name = csv is null ? "from-memory" : "from-files";
        using var child = Start(_root[name], _root[name + ".out"], csv);
        Assert.True(child.WaitForExit(TimeSpan.FromSeconds(120)), "the clean run did not finish");
        Assert.True(child.ExitCode == 0, $"the clean run failed: {Errors(_root[name + ".out"])}");
        return _root[name + ".out"];
    }

    private static System.Diagnostics.Process Start(string checkpoints, string output, string? csv)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RxStreams.CrashHost.dll"));
        info.ArgumentList.Add(checkpoints);
        info.ArgumentList.Add(output);
        info.ArgumentList.Add(Events.ToString(CultureInfo.InvariantCulture));
        info.Environment["RXSTREAMS_CRASHHOST_CSV"] = csv ?? string.Empty;
        return System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("the child process did not start");
    }

    private static string Errors(string output) => File.Exists(output + ".errors") ? File.ReadAllText(output + ".errors") : "none";

    /// <summary>The lines written whole: a kill can cut the last one.</summary>
    private static List<string> CompleteLines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var text = new StreamReader(stream).ReadToEnd();
        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : [.. text[..end].Split('\n')];
    }
}
