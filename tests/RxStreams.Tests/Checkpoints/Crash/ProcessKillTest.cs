using System.Diagnostics;
using System.IO;

namespace RxStreams.Tests.Checkpoints.Crash;

/// <summary>
/// A real child process runs a checkpointed job into a checkpoint directory and is killed with SIGKILL at random
/// moments, 20 times, each time started again on the same directory: the de-duplicated output of all the runs is the
/// output of one run that was never killed. On the heap backend, and on RocksDB with incremental checkpoints (shared
/// files written and retained across kills).
/// </summary>
public sealed class ProcessKillTest : IDisposable
{
    private const int Events = 4000;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rxstreams-kill-" + Guid.NewGuid().ToString("N"));

    private string _backend = "heap";

    public ProcessKillTest() => Directory.CreateDirectory(_root);

    [Theory]
    [InlineData("heap")]
    [InlineData("rocksdb")]
    public void AJobKilledTwentyTimesResumesFromItsCheckpointsAndLosesNothing(string backend)
    {
        _backend = backend;
        var expected = CompleteLines(RunToEnd("clean"));
        Assert.Equal(expected.Count, expected.Distinct().Count());

        var random = new Random(7);
        var output = Path.Combine(_root, "killed.out");
        var checkpoints = Path.Combine(_root, "killed");
        var kills = 0;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            // Every fourth run also lives until it completed a checkpoint of its own, so that later runs resume from
            // one even on a fast machine, where 400 lines can come before the first checkpoint of a run is durable.
            var resumable = attempt % 4 == 3;
            var startedFrom = resumable ? LatestCheckpoint(checkpoints) : null;
            using var child = Start(checkpoints, output);
            var before = CompleteLines(output).Count;
            var wanted = before + random.Next(1, 400);
            var deadline = Stopwatch.StartNew();
            while (!child.HasExited && (CompleteLines(output).Count < wanted || (resumable && LatestCheckpoint(checkpoints) == startedFrom)) &&
                   deadline.Elapsed < TimeSpan.FromSeconds(60))
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

        using (var last = Start(checkpoints, output))
        {
            Assert.True(last.WaitForExit(TimeSpan.FromSeconds(120)), "the last run did not finish");
            Assert.True(last.ExitCode == 0, $"the last run failed ({last.ExitCode}): {Errors(output)}");
        }

        var actual = CompleteLines(output);
        var distinct = actual.Distinct().ToList();
        Assert.True(
            expected.SequenceEqual(distinct),
            $"missing: {string.Join(" | ", expected.Except(distinct).Take(10))}; unexpected: {string.Join(" | ", distinct.Except(expected).Take(10))}; " +
            $"starts: {string.Join(", ", File.ReadAllLines(output + ".starts"))}; errors: {Errors(output)}");

        var starts = File.ReadAllLines(output + ".starts");
        Assert.Equal(21, starts.Length);
        if (backend == "rocksdb")
        {
            // The retained incremental checkpoints reference SST files in the storage's shared folder.
            Assert.NotEmpty(new RxStreams.Checkpoints.DirectoryCheckpointStorage(checkpoints).SharedFileKeys);
        }

        // The kill moments follow the child's output, so a loaded machine changes how far each run gets, not what is checked.
        Assert.True(kills >= 5, $"only {kills} of 20 runs were killed before they finished");
        Assert.True(starts.Skip(1).Count(s => s != "start 0") >= 3, "few runs resumed from a checkpoint:\n" + string.Join("\n", starts));
        Assert.True(actual.Count > expected.Count, "no run repeated the results after its checkpoint");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may still hold a file for a moment; the temporary directory is left to the system.
        }
    }

    private string RunToEnd(string name)
    {
        var output = Path.Combine(_root, name + ".out");
        using var child = Start(Path.Combine(_root, name), output);
        Assert.True(child.WaitForExit(TimeSpan.FromSeconds(120)), "the clean run did not finish");
        Assert.Equal(0, child.ExitCode);
        return output;
    }

    /// <summary>The newest checkpoint that is complete in <paramref name="directory"/>, or null (none yet, or the child is replacing it).</summary>
    private static long? LatestCheckpoint(string directory)
    {
        try
        {
            // The storage's own listing: the latest id without reading the snapshot at every poll.
            return Directory.Exists(directory) && new RxStreams.Checkpoints.DirectoryCheckpointStorage(directory).CompletedCheckpointIds is [.., var latest]
                ? latest
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RxStreams.Checkpoints.CheckpointStorageException)
        {
            return null;
        }
    }

    private static string Errors(string output) => File.Exists(output + ".errors") ? File.ReadAllText(output + ".errors") : "none";

    private System.Diagnostics.Process Start(string checkpoints, string output)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "RxStreams.CrashHost.dll");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var argument in new[] { host, checkpoints, output, Events.ToString(System.Globalization.CultureInfo.InvariantCulture), _backend })
        {
            info.ArgumentList.Add(argument);
        }

        return System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("the child process did not start");
    }

    /// <summary>The lines that were written whole: a kill can cut the last one.</summary>
    private static List<string> CompleteLines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var text = new StreamReader(stream).ReadToEnd();
        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : text[..end].Split('\n').ToList();
    }
}
