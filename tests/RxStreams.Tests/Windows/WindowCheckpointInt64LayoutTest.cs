using RxStreams.Checkpoints;
using RxStreams.Keyed.Aggregates;
using RxStreams.Windows;
using RxStreams.Windows.Functions;

namespace RxStreams.Tests.Windows;

/// <summary>
/// The writers of <c>WindowCheckpoint.Int64.cs</c> (long keys and long contents) put down exactly the bytes of the general
/// writers, for windows and timers with every field set, extreme values included, and its readers read them back alike.
/// </summary>
public class WindowCheckpointInt64LayoutTest
{
    private static readonly Type Contents = typeof(AggregateContents<long, int, long, long, CountFunction<int>>);

    [Fact]
    public void Int64WritersGiveTheGeneralWritersBytes()
    {
        var state = NewState();
        var keys = new[] { 0L, 1L, -1L, 42L, long.MinValue, long.MaxValue, 1_717_232_340_000L, -987_654_321L };
        var windows = new[] { new TimeWindow(0, 10), new TimeWindow(-10, 0), new TimeWindow(1_717_232_340_000, 1_717_232_400_000), new TimeWindow(long.MinValue, long.MinValue + 5) };
        var i = 0;
        foreach (var key in keys)
        {
            foreach (var window in windows)
            {
                state.Windows.Find(key, window, out var hash);
                var slot = state.Windows.Add(key, window, hash, (i * 7919L) - 1000);
                ref var entry = ref state.Windows[slot];
                (entry.TriggerState, entry.LastEventTimer, entry.Firings, entry.OnTimeFired, entry.EmittedSinceReset, entry.HasContents) =
                    (i % 5 == 0 ? long.MinValue : i * 1_000_003L, i % 3 == 0 ? long.MinValue : window.End - 1, i % 4, i % 2 == 0, i % 3 == 1, i % 5 != 2);
                state.EventTimers.Register(key, window, slot, entry.Generation, window.End - 1);
                if (i % 3 == 0)
                {
                    state.ProcessingTimers.Register(key, window, slot, entry.Generation, long.MaxValue - i);
                }

                i++;
            }
        }

        // Freed slots in between: the writers skip them alike.
        state.Windows.Remove(state.Windows.Find(42L, windows[1]));
        state.Windows.Remove(state.Windows.Find(long.MaxValue, windows[0]));

        var int64 = new WindowCheckpoint<long, long>("WindowCount", Contents);
        Assert.True(int64.UseInt64Layout);
        var part = Write(int64, state);
        var fast = part.KeyGroups;
        var general = Write(new WindowCheckpoint<long, long>("WindowCount", Contents) { GeneralWritersOnly = true }, state).KeyGroups;

        Assert.Equal(general.Select(g => g.KeyGroup), fast.Select(g => g.KeyGroup));
        Assert.True(general.Count > 5, $"only {general.Count} key groups were written");
        for (var g = 0; g < general.Count; g++)
        {
            Assert.Equal(general[g].Data.ToArray(), fast[g].Data.ToArray());
        }

        // Read back by both readers: the same windows, bookkeeping and timers.
        var snapshot = new OperatorSnapshot("w", "WindowCount", fast, [new SubtaskState(0, 1, part.OperatorState)], part.Schema);
        var viaInt64 = NewState();
        var viaGeneral = NewState();
        Assert.Equal(5, int64.Restore(snapshot, TaskInfo.Single, viaInt64));
        Assert.Equal(5, new WindowCheckpoint<long, long>("WindowCount", Contents) { GeneralWritersOnly = true }.Restore(snapshot, TaskInfo.Single, viaGeneral));
        Assert.Equal(Windows(state), Windows(viaInt64));
        Assert.Equal(Windows(state), Windows(viaGeneral));
        var eventTimers = Timers(viaInt64.EventTimers);
        Assert.Equal(32, eventTimers.Count);
        Assert.Equal(Timers(viaGeneral.EventTimers), eventTimers);
        Assert.Equal(Timers(viaGeneral.ProcessingTimers), Timers(viaInt64.ProcessingTimers));
    }

    private static List<string> Windows(WindowState<long, long> state)
    {
        var windows = new List<string>();
        for (var slot = 0; slot < state.Windows.SlotsUsed; slot++)
        {
            var e = state.Windows[slot];
            if (e.Live)
            {
                windows.Add($"{e.Key} {e.Window} {e.Contents} {e.TriggerState} {e.LastEventTimer} {e.Firings} {e.OnTimeFired} {e.EmittedSinceReset} {e.HasContents}");
            }
        }

        windows.Sort(StringComparer.Ordinal);
        return windows;
    }

    private static List<(long Time, long Key, TimeWindow Window)> Timers(WindowTimers<long> timers)
    {
        var drained = new List<(long, long, TimeWindow)>();
        while (timers.TryDequeueDue(long.MaxValue, out var time, out var handle, out _))
        {
            drained.Add((time, handle.Key, handle.Window));
        }

        return drained;
    }

    private static SnapshotPart Write(WindowCheckpoint<long, long> checkpoint, WindowState<long, long> state)
    {
        var pending = checkpoint.Snapshot(state, watermark: 5);
        Assert.NotNull(pending.Rest);
        return pending.Rest();
    }

    private static WindowState<long, long> NewState() =>
        new(new WindowTable<long, long>(EqualityComparer<long>.Default), null, null,
            new WindowTimers<long>(EqualityComparer<long>.Default, deduplicate: true), new WindowTimers<long>(EqualityComparer<long>.Default, deduplicate: true));
}
