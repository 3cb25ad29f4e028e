using RxStreams.Windows;

namespace RxStreams.Tests.Windows;

/// <summary>Deleting timers (Flink's <c>deleteEventTimeTimer</c>): skipped when due, revived by registering again, and never captured by a snapshot.</summary>
public class WindowTimersDeleteTest
{
    private static readonly TimeWindow W = new(0, 10);

    private static WindowTimers<string> Timers()
    {
        var timers = new WindowTimers<string>(StringComparer.Ordinal, deduplicate: true);
        timers.Register("a", W, 0, 0, 3);
        timers.Register("a", W, 0, 0, 5);
        timers.Register("b", W, 1, 0, 5);
        return timers;
    }

    private static string Drain(WindowTimers<string> timers)
    {
        var fired = new List<string>();
        while (timers.TryDequeueDue(long.MaxValue, out var time, out var handle, out var deleted))
        {
            fired.Add($"{handle.Key}@{time}{(deleted ? " deleted" : string.Empty)}");
        }

        return string.Join(" ", fired);
    }

    [Fact]
    public void ADeletedTimerIsReportedDeletedWhenDue()
    {
        var timers = Timers();
        timers.Delete("a", W, 5);
        timers.Delete("a", W, 7); // none pending: nothing
        Assert.Equal("a@3 a@5 deleted b@5", Drain(timers));
    }

    [Fact]
    public void RegisteringADeletedTimerAgainRevivesItOnce()
    {
        var timers = Timers();
        timers.Delete("a", W, 5);
        Assert.False(timers.Register("a", W, 0, 0, 5));
        Assert.Equal("a@3 a@5 b@5", Drain(timers));
    }

    [Fact]
    public void ASnapshotCapturesNoDeletedTimerAndKeepsTheOrder()
    {
        var timers = Timers();
        timers.Delete("a", W, 3);
        var captured = timers.Capture()
            .SelectMany(run => run.Items[run.From..run.To].Select(h => $"{h.Key}@{run.Time}"))
            .ToList();
        Assert.Equal(["a@5", "b@5"], captured);
        Assert.Equal("a@5 b@5", Drain(timers));
    }
}
