using System;
using System.Collections.Generic;
using static RxStreams.Diagnostics.ExplainFormat;

namespace RxStreams.Diagnostics;

/// <summary>What would release a held window, in sentences with the numbers of the case at hand.</summary>
internal static class HoldSuggestions
{
    /// <summary>What <see cref="HoldAnalysis"/> found about one held window.</summary>
    /// <param name="Operator">The window operator.</param>
    /// <param name="Window">Its earliest waiting window.</param>
    /// <param name="Needs">The watermark that fires it.</param>
    /// <param name="Watermark">The operator's watermark.</param>
    /// <param name="Input">The input that holds it back.</param>
    /// <param name="Seen">That input's watermark where it joins the path.</param>
    /// <param name="Leader">The input of the nearest merge furthest ahead of it, and its label; null when none is ahead.</param>
    /// <param name="Merge">The nearest merge on the path, if any.</param>
    /// <param name="IfIdle">The operator's watermark if the input were idle.</param>
    /// <param name="BoundToFire">The largest bound that fires the window now.</param>
    public sealed record Facts(
        OperatorExplanation Operator,
        WaitingWindow Window,
        long Needs,
        long Watermark,
        OperatorExplanation Input,
        long? Seen,
        (InputExplanation Input, string Label)? Leader,
        OperatorExplanation? Merge,
        long? IfIdle,
        TimeSpan? BoundToFire);

    public static string[] For(HoldReason reason, Facts facts)
    {
        var input = facts.Input.Label;
        var window = ExplainFormat.Window(facts.Window.Window);
        var source = facts.Input.Source;
        return reason switch
        {
            HoldReason.NoRecords => [NoRecords(facts, input)],
            HoldReason.Silent => Silent(facts, input, source!),
            HoldReason.Idle => [$"{input} is marked idle, as every other input is: the watermark stays at {At(facts.Watermark)} until a record arrives."],
            HoldReason.Bound =>
            [
                $"{input}'s newest record is at {At(source!.NewestTimestamp!.Value)}, past the end of {window}, but its out-of-orderness bound of {Duration(source.Bound!.Value)} " +
                $"holds its watermark at {At(facts.Seen)}. A bound of {Duration(facts.BoundToFire!.Value)} ({Duration(source.Bound.Value - facts.BoundToFire.Value)} less) would fire {window} now; " +
                $"records more out of order than the bound are late.",
            ],
            HoldReason.Behind =>
            [
                $"{input} sends records{Since(source)} but its event time trails {facts.Leader!.Value.Label} by {Duration(facts.Leader.Value.Input.Watermark!.Value - facts.Seen!.Value)}, " +
                $"and {facts.Merge!.Label} follows its slowest input. {window} fires when {input}'s watermark reaches {At(facts.Needs)} " +
                $"({Duration(facts.Needs - facts.Seen.Value)} to go); idleness would not help, as it is not silent.",
            ],
            _ => [EventTimeAhead(facts, input, window, source)],
        };
    }

    private static string NoRecords(Facts facts, string input)
    {
        var what = facts.Input.Source is null ? "no watermark" : "no record";
        if (facts.IfIdle is { } ifIdle)
        {
            return $"{input} has sent {what} yet, and {facts.Merge!.Label} waits for it. {Idleness(facts, input, ifIdle)}";
        }

        return $"{input} has sent {what} yet: {ExplainFormat.Window(facts.Window.Window)} fires once its watermark reaches {At(facts.Needs)}.";
    }

    private static string[] Silent(Facts facts, string input, SourceExplanation source)
    {
        var since = source.SinceLastRecord!.Value;
        var text = $"{input} has sent nothing for {Duration(since)} (its newest record is at {At(source.NewestTimestamp!.Value)}) and is not marked idle.";
        if (source.IdleTimeout is { } timeout)
        {
            text += $" Its strategy marks it idle after {Duration(timeout)} of silence.";
        }

        if (facts.IfIdle is { } ifIdle)
        {
            return [text, Idleness(facts, input, ifIdle) + $" Pick a timeout under {Duration(since)}."];
        }

        var end = source.Bound is { } bound ? EventTime.Add(facts.Needs, (long)bound.TotalMilliseconds) : facts.Needs;
        return [text + $" It is the only input, so idleness would not move the watermark: {ExplainFormat.Window(facts.Window.Window)} fires when it sends a record at {At(end)} or later, or ends."];
    }

    private static string Idleness(Facts facts, string input, long ifIdle)
    {
        var firing = 0;
        var waiting = 0;
        foreach (var w in facts.Operator.Windows)
        {
            if (w.FiresAt is { } at)
            {
                waiting++;
                firing += at <= ifIdle ? 1 : 0;
            }
        }

        var idleness = facts.Input.Source is null ? "Mark it idle" : $"Give {input}'s WatermarkStrategy .WithIdleness(timeout, clock)";
        return $"{idleness}: while it is silent, {facts.Merge!.Label} follows its other inputs, and the watermark here would reach {At(ifIdle)}, firing {firing} of the {waiting} waiting windows.";
    }

    private static string EventTimeAhead(Facts facts, string input, string window, SourceExplanation? source)
    {
        if (source is { NewestTimestamp: { } newest, Bound: { } bound })
        {
            return $"Nothing holds it back: event time has not reached the end of {window} yet. {input}'s newest record is at {At(newest)}; " +
                $"with its bound of {Duration(bound)}, a record at {At(EventTime.Add(facts.Needs, (long)bound.TotalMilliseconds))} or later fires it.";
        }

        return $"Nothing holds it back: event time has not reached the end of {window} yet; it fires when {input}'s watermark reaches {At(facts.Needs)}.";
    }

    private static string Since(SourceExplanation? source) =>
        source?.SinceLastRecord is { } since ? $" (the last {Duration(since)} ago)" : string.Empty;
}
