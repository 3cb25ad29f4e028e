using System;
using System.Collections.Generic;
using System.Globalization;

namespace RxStreams.Testing;

/// <summary>What a <see cref="CrashTest"/> found: per run and in total, records lost, duplicated and changed against a failure-free run.</summary>
/// <typeparam name="T">The output record type.</typeparam>
public sealed class CrashTestReport<T>
{
    internal CrashTestReport(DeliveryGuarantee guarantee, IReadOnlyList<T> reference, IReadOnlyList<CrashTestRun> runs)
    {
        Guarantee = guarantee;
        Reference = reference;
        RunDetails = runs;
        foreach (var run in runs)
        {
            Crashes += run.Crashes;
            Lost += run.Lost;
            Duplicated += run.Duplicated;
            Changed += run.Changed;
            RunsWithLoss += run.Lost > 0 ? 1 : 0;
            RunsWithDuplicates += run.Duplicated > 0 ? 1 : 0;
            RunsNotCompleted += run.Error is not null ? 1 : 0;
        }
    }

    /// <summary>The guarantee the job ran with.</summary>
    public DeliveryGuarantee Guarantee { get; }

    /// <summary>The output of the failure-free run.</summary>
    public IReadOnlyList<T> Reference { get; }

    /// <summary>Every run with failures.</summary>
    public IReadOnlyList<CrashTestRun> RunDetails { get; }

    /// <summary>How many runs with failures.</summary>
    public int Runs => RunDetails.Count;

    /// <summary>Failures injected over all runs.</summary>
    public int Crashes { get; }

    /// <summary>Reference records missing from the outputs, over all runs.</summary>
    public long Lost { get; }

    /// <summary>Reference records the outputs repeated, over all runs.</summary>
    public long Duplicated { get; }

    /// <summary>Output records that no failure-free run gives, over all runs.</summary>
    public long Changed { get; }

    /// <summary>Runs that lost at least one record.</summary>
    public int RunsWithLoss { get; }

    /// <summary>Runs that repeated at least one record.</summary>
    public int RunsWithDuplicates { get; }

    /// <summary>Runs whose job did not complete.</summary>
    public int RunsNotCompleted { get; }

    /// <summary>
    /// Whether the runs kept the guarantee's promise: every job completed, and end-to-end exactly-once lost, repeated and
    /// changed nothing; exactly-once lost and changed nothing (a sink may repeat); at-least-once lost nothing;
    /// at-most-once repeated nothing.
    /// </summary>
    public bool Kept => RunsNotCompleted == 0 && Guarantee switch
    {
        DeliveryGuarantee.EndToEndExactlyOnce => Lost == 0 && Duplicated == 0 && Changed == 0,
        DeliveryGuarantee.ExactlyOnce => Lost == 0 && Changed == 0,
        DeliveryGuarantee.AtLeastOnce => Lost == 0,
        _ => Duplicated == 0,
    };

    /// <summary>Throws a <see cref="CrashTestException"/> describing the first runs that broke the promise, unless <see cref="Kept"/>.</summary>
    public void ThrowIfBroken()
    {
        if (Kept)
        {
            return;
        }

        var broken = new List<string>();
        foreach (var run in RunDetails)
        {
            if (run.Error is not null || run.Lost + run.Duplicated + run.Changed > 0)
            {
                broken.Add(run.Error is not null
                    ? $"run {run.Run}: the job did not complete ({run.Error.GetType().Name}: {run.Error.Message})"
                    : $"run {run.Run}: {run.Crashes} crashes, {run.Lost} lost, {run.Duplicated} duplicated, {run.Changed} changed");
                if (broken.Count == 5)
                {
                    break;
                }
            }
        }

        throw new CrashTestException($"{Guarantee} was not kept. {this}. First runs that differ: {string.Join("; ", broken)}.");
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Guarantee}: {Runs} runs, {Crashes} crashes, {Reference.Count} records per run, {Lost} lost, {Duplicated} duplicated, {Changed} changed, {RunsNotCompleted} not completed");
}
