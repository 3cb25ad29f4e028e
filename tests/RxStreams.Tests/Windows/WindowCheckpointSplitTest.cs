using RxStreams.Checkpoints;
using RxStreams.Keyed.Aggregates;
using RxStreams.Windows;
using RxStreams.Windows.Functions;

namespace RxStreams.Tests.Windows;

/// <summary>
/// <see cref="WindowCheckpoint{TKey, TState}"/> on its own: what it writes by key group comes back whole in one task, or
/// split between two tasks by the key groups each owns, with every window's bookkeeping and the timers of each task in
/// their original firing order.
/// </summary>
public class WindowCheckpointSplitTest
{
    private static readonly TimeWindow Window = new(0, 10);

    [Fact]
    public void TwoTasksRestoreTheirKeyGroupsWithTimersInTheirOriginalOrder()
    {
        var checkpoint = new WindowCheckpoint<string, long>("WindowCount", typeof(AggregateContents<string, int, long, long, CountFunction<int>>));
        var original = NewState();
        var keys = Enumerable.Range(0, 20).Select(i => "k" + i).ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            original.Windows.Find(keys[i], Window, out var hash);
            var slot = original.Windows.Add(keys[i], Window, hash, i);
            ref var entry = ref original.Windows[slot];
            (entry.TriggerState, entry.LastEventTimer, entry.Firings, entry.OnTimeFired, entry.HasContents) = (i * 10, 10, i % 3, i % 2 == 0, true);
        }

        // Timers at one time from every key, interleaved with earlier ones of some keys and one of a window that is gone.
        for (var i = keys.Length - 1; i >= 0; i--)
        {
            Register(original, keys[i], Window, 10);
            if (i % 4 == 0)
            {
                Register(original, keys[i], Window, 5);
            }
        }

        Register(original, "gone", new TimeWindow(-10, 0), 5);
        var order = Drain(CopyOf(checkpoint, original, TaskInfo.Single).EventTimers);
        Assert.Equal(Drain(original.EventTimers), order);
        Assert.Equal(26, order.Count);

        var part = Finish(checkpoint.Snapshot(Refill(original, order), watermark: 3));
        var snapshot = new OperatorSnapshot("w", "WindowCount", part.KeyGroups, [new SubtaskState(0, 1, part.OperatorState)], part.Schema);
        var restoredKeys = new List<string>();
        foreach (var task in new[] { new TaskInfo(0, 2), new TaskInfo(1, 2) })
        {
            var restored = NewState();
            Assert.Equal(3, checkpoint.Restore(snapshot, task, restored));
            var timers = Drain(restored.EventTimers);
            Assert.NotEmpty(timers);
            var owned = order.Where(t => timers.Any(o => o.Key == t.Key)).ToList();
            Assert.Equal(owned, timers);
            foreach (var key in keys)
            {
                var slot = restored.Windows.Find(key, Window);
                if (slot < 0)
                {
                    continue;
                }

                restoredKeys.Add(key);
                var i = int.Parse(key[1..], System.Globalization.CultureInfo.InvariantCulture);
                var entry = restored.Windows[slot];
                Assert.Equal((i, i * 10, 10L, i % 3, i % 2 == 0, false, true), (entry.Contents, entry.TriggerState, entry.LastEventTimer, entry.Firings, entry.OnTimeFired, entry.EmittedSinceReset, entry.HasContents));
            }
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), restoredKeys.Order(StringComparer.Ordinal));
    }

    private static WindowState<string, long> NewState() =>
        new(new WindowTable<string, long>(StringComparer.Ordinal), null, null,
            new WindowTimers<string>(StringComparer.Ordinal, deduplicate: true), new WindowTimers<string>(StringComparer.Ordinal, deduplicate: true));

    private static void Register(WindowState<string, long> state, string key, TimeWindow window, long time)
    {
        var slot = state.Windows.Find(key, window);
        state.EventTimers.Register(key, window, Math.Max(slot, 0), slot < 0 ? -1 : state.Windows[slot].Generation, time);
    }

    /// <summary>The snapshot with its asynchronous part run here (window counts are copied at the barrier and written later).</summary>
    private static SnapshotPart Finish(PendingSnapshot pending)
    {
        Assert.NotNull(pending.Rest);
        return pending.Rest();
    }

    private static WindowState<string, long> CopyOf(WindowCheckpoint<string, long> checkpoint, WindowState<string, long> state, TaskInfo task)
    {
        var part = Finish(checkpoint.Snapshot(state, 0));
        var copy = NewState();
        checkpoint.Restore(new OperatorSnapshot("w", "WindowCount", part.KeyGroups, [new SubtaskState(0, 1, part.OperatorState)], part.Schema), task, copy);
        return copy;
    }

    private static List<(string Key, TimeWindow Window, long Time)> Drain(WindowTimers<string> timers)
    {
        var fired = new List<(string, TimeWindow, long)>();
        while (timers.TryDequeueDue(long.MaxValue, out var time, out var handle, out _))
        {
            fired.Add((handle.Key, handle.Window, time));
        }

        return fired;
    }

    /// <summary>Registers the drained timers again, in the same order, so the state can be written once more.</summary>
    private static WindowState<string, long> Refill(WindowState<string, long> state, List<(string Key, TimeWindow Window, long Time)> timers)
    {
        foreach (var (key, window, time) in timers)
        {
            Register(state, key, window, time);
        }

        return state;
    }
}
