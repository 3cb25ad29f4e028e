using System;
using System.Collections.Generic;

namespace RxStreams.Diagnostics;

/// <summary>
/// Finds, for each window operator whose earliest window waits, the input that holds its watermark back: from the
/// operator upstream, at each merge along the input whose watermark is the merge's, up to a source. Then it says why
/// (<see cref="HoldReason"/>) and what would release the window (<see cref="HoldSuggestions"/>).
/// </summary>
internal static class HoldAnalysis
{
    public static WatermarkHold[] Find(IReadOnlyList<OperatorExplanation> operators, LiveOperator?[] live, TimeSpan silentAfter)
    {
        var holds = new List<WatermarkHold>();
        foreach (var op in operators)
        {
            if (op.Watermark is { } watermark && Earliest(op, watermark) is { } earliest)
            {
                holds.Add(Explain(operators, live, silentAfter, op, watermark, earliest));
            }
        }

        return holds.ToArray();
    }

    /// <summary>The waiting window that fires first, when it waits for the watermark.</summary>
    private static WaitingWindow? Earliest(OperatorExplanation op, long watermark)
    {
        foreach (var window in op.Windows)
        {
            if (window.FiresAt is { } firesAt && firesAt > watermark)
            {
                return window;
            }
        }

        return null;
    }

    private static WatermarkHold Explain(
        IReadOnlyList<OperatorExplanation> operators, LiveOperator?[] live, TimeSpan silentAfter, OperatorExplanation op, long watermark, WaitingWindow earliest)
    {
        var needs = earliest.FiresAt!.Value;
        var path = new List<int> { op.Id };
        var hops = new List<InputExplanation>();
        var current = op;
        while (current.Source is null && Next(current) is { } next && next.Id >= 0 && !path.Contains(next.Id))
        {
            hops.Add(next);
            path.Add(next.Id);
            current = operators[next.Id];
        }

        var input = current;
        var seen = hops.Count > 0 ? hops[^1].Watermark : input.Watermark;
        var behind = Leader(operators, live, path, hops);
        var reason = Reason(input, hops.Count > 0 && hops[^1].IsIdle, seen, needs, behind is not null, silentAfter);
        var ifIdle = reason is HoldReason.NoRecords or HoldReason.Silent ? WatermarkIfIdle(operators, live, path, hops, watermark) : null;
        TimeSpan? boundToFire = reason == HoldReason.Bound ? TimeSpan.FromMilliseconds(input.Source!.NewestTimestamp!.Value - needs) : null;
        var leader = behind is null ? ((InputExplanation, string)?)null : (behind, behind.Id >= 0 ? operators[behind.Id].Label : "another input");
        var facts = new HoldSuggestions.Facts(op, earliest, needs, watermark, input, seen, leader, Merge(operators, live, path), ifIdle, boundToFire);
        return new WatermarkHold(op.Id, earliest.Window, needs, watermark, path.ToArray(), input.Id, reason, ifIdle, boundToFire, HoldSuggestions.For(reason, facts));
    }

    /// <summary>The input an operator's watermark comes from: the one marked as holding it back, else (every input idle) the lowest.</summary>
    private static InputExplanation? Next(OperatorExplanation op)
    {
        InputExplanation? lowest = null;
        foreach (var input in op.Inputs)
        {
            if (input.HoldsBack)
            {
                return input;
            }

            if (lowest is null || (input.Watermark ?? long.MinValue) < (lowest.Watermark ?? long.MinValue))
            {
                lowest = input;
            }
        }

        return lowest;
    }

    private static HoldReason Reason(OperatorExplanation input, bool idleChannel, long? seen, long needs, bool trailsAnother, TimeSpan silentAfter)
    {
        if (input.Source is { } source)
        {
            if (source.Records == 0)
            {
                return HoldReason.NoRecords;
            }

            if (source.IsIdle)
            {
                return HoldReason.Idle;
            }

            if (source.SinceLastRecord >= silentAfter)
            {
                return HoldReason.Silent;
            }

            if (source.Bound is not null && source.NewestTimestamp >= needs)
            {
                return HoldReason.Bound;
            }
        }
        else if (seen is null or Watermark.MinValue)
        {
            return HoldReason.NoRecords;
        }
        else if (idleChannel)
        {
            return HoldReason.Idle;
        }

        return trailsAnother ? HoldReason.Behind : HoldReason.EventTime;
    }

    /// <summary>The nearest merge on the path above the input (the one whose inputs it is compared with), or null.</summary>
    private static OperatorExplanation? Merge(IReadOnlyList<OperatorExplanation> operators, LiveOperator?[] live, List<int> path)
    {
        for (var i = path.Count - 2; i >= 0; i--)
        {
            if (live[path[i]]?.Probe is IMergeProbe)
            {
                return operators[path[i]];
            }
        }

        return null;
    }

    /// <summary>At the nearest merge where the input trails another input that counts, the input furthest ahead; else null.</summary>
    private static InputExplanation? Leader(IReadOnlyList<OperatorExplanation> operators, LiveOperator?[] live, List<int> path, List<InputExplanation> hops)
    {
        for (var i = hops.Count - 1; i >= 0; i--)
        {
            if (live[path[i]]?.Probe is not IMergeProbe)
            {
                continue;
            }

            InputExplanation? leader = null;
            foreach (var other in operators[path[i]].Inputs)
            {
                if (!ReferenceEquals(other, hops[i]) && !other.IsIdle && other.Watermark > hops[i].Watermark && other.Watermark != Watermark.MaxValue
                    && (leader is null || other.Watermark > leader.Watermark))
                {
                    leader = other;
                }
            }

            if (leader is not null)
            {
                return leader;
            }
        }

        return null;
    }

    /// <summary>
    /// The window operator's watermark if the input were idle: each merge on the way down would follow its other inputs
    /// that count. Null when a merge would have none left, or the watermark would not rise.
    /// </summary>
    private static long? WatermarkIfIdle(IReadOnlyList<OperatorExplanation> operators, LiveOperator?[] live, List<int> path, List<InputExplanation> hops, long watermark)
    {
        long? value = null;
        for (var i = hops.Count - 1; i >= 0; i--)
        {
            if (live[path[i]]?.Probe is not IMergeProbe)
            {
                continue;
            }

            foreach (var other in operators[path[i]].Inputs)
            {
                if (!ReferenceEquals(other, hops[i]) && !other.IsIdle && other.Watermark is { } w && (value is null || w < value))
                {
                    value = w;
                }
            }

            if (value is null)
            {
                return null;
            }
        }

        return value > watermark ? value : null;
    }
}
