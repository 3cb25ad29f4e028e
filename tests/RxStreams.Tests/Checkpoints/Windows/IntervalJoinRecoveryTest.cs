using CsCheck;
using RxStreams.Tests.Checkpoints.Jobs;

namespace RxStreams.Tests.Checkpoints.Windows;

/// <summary>
/// The interval join in a checkpointed job: over random out-of-order inputs on both sides and random crash points, the
/// run that fails once gives, without duplicates, exactly the pairs of the run without failure, in the same order.
/// </summary>
public class IntervalJoinRecoveryTest
{
    [Fact]
    public void ARestoredIntervalJoinGivesTheOutputOfARunWithoutFailure() =>
        RecoveryHarness.Inputs.Sample(
            input =>
            {
                // Unique values: no pair repeats, so de-duplication only removes what the restart emitted again.
                var left = input.Events.Select((e, i) => e with { Value = i }).ToArray();
                var right = input.Events.Select((e, i) => e with { Key = "k" + ((i + 1) % 3), Time = e.Time + (i % 5) - 2, Value = 1000 + i }).ToArray();
                var expected = RecoveryHarness.AssertRecovers(
                    (_, failures) => RecoveryHarness.Source(left, failures, "left").IntervalJoin(
                        RecoveryHarness.Source(right, new StreamJobTest.FailOnce(null), "right"),
                        l => l.Key, r => r.Key, TimeSpan.FromMilliseconds(-4), TimeSpan.FromMilliseconds(6), (l, r) => $"{l}+{r}"),
                    input.CrashAt);
                Assert.NotEmpty(expected);
            },
            iter: 30,
            threads: 1);
}
