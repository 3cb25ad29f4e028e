using RxStreams.Tests.Windows;
using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Errors;

/// <summary>Every error names the operator the user wrote, and the key, window and record where they exist.</summary>
public class ErrorNamesTest
{
    [Fact]
    public void AThrowingKeySelectorIsReportedAsKeyBy()
    {
        var run = Collect("a@1 W5", s => s.KeyBy<string, string>(_ => throw new FormatException("bad key")).Window(TumblingEventTimeWindows.Of(Ms(5))).Count());
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        Assert.Equal("KeyBy", error.Operator);
        Assert.Equal("KeyBy failed on record 'a' at timestamp 1: the key selector of WindowCount threw FormatException: bad key", error.Message);
    }

    [Fact]
    public void ANullKeyIsReportedAsKeyBy()
    {
        var run = Collect("n@2", s => s.KeyBy<string, string>(_ => null!).Sum(r => r.Length));
        var error = Assert.IsType<NullKeyException>(run.Error);
        Assert.Equal("KeyBy", error.Operator);
        Assert.Equal("KeyBy failed on record 'n' at timestamp 2: the key selector of Sum returned null.", error.Message);
    }

    [Fact]
    public void AThrowingTriggerIsReportedAsTriggerWithKeyWindowAndRecord()
    {
        var run = Collect("a@1 a@2 W5", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5))).Trigger(new ThrowOnSecond()).Count());
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        Assert.Equal("Trigger", error.Operator);
        Assert.Equal("a", error.Record);
        Assert.Equal(2L, error.Timestamp);
        Assert.Equal("Trigger failed on record 'a' for key 'a' in window [0,5) at timestamp 2: ThrowOnSecond.OnElement threw InvalidOperationException: second", error.Message);
    }

    [Fact]
    public void ATriggerWrappedInPurgingIsNamedByItsOwnType()
    {
        var run = Collect("a@1 a@2 W5", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5))).Trigger(new ThrowOnSecond().Purging()).Count());
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        Assert.Equal("Trigger failed on record 'a' for key 'a' in window [0,5) at timestamp 2: ThrowOnSecond.OnElement threw InvalidOperationException: second", error.Message);
    }

    [Fact]
    public void AFailingWindowFunctionNamesItsKeyAndWindow()
    {
        var run = Collect("a@1 W5", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5))).Process<int>((_, _, _) => throw new InvalidOperationException("nope")));
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        Assert.Equal("WindowProcess", error.Operator);
        Assert.Null(error.Record);
        Assert.Equal("WindowProcess failed for key 'a' in window [0,5) at timestamp 4: nope", error.Message);
    }

    [Fact]
    public void ANullRecordIsNamedAsNull()
    {
        var run = Collect("x@3", s => s.Select(r => (string?)null).Select(r => r!.Length));
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        Assert.Null(error.Record);
        Assert.Equal("Select failed on a null record at timestamp 3: Object reference not set to an instance of an object.", error.Message);
    }

    /// <summary>Throws for the second record of a window.</summary>
    private sealed class ThrowOnSecond : WindowTrigger
    {
        public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context) =>
            ++context.State == 2 ? throw new InvalidOperationException("second") : TriggerResult.Continue;
    }
}
