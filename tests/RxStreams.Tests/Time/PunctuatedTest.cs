using System.Reactive.Linq;

namespace RxStreams.Tests.Time;

public class PunctuatedTest
{
    private sealed record Reading(string Name, long Time, long? Mark);

    [Fact]
    public void EmitsTheWatermarksTheRecordsCarry()
    {
        var output = new Collector<StreamElement<string>>();
        new[] { new Reading("a", 1, null), new Reading("b", 5, 4), new Reading("c", 3, null), new Reading("d", 9, 9) }.ToObservable()
            .WithEventTime(r => r.Time, WatermarkStrategy.ForPunctuated<Reading>((r, _) => r.Mark))
            .Select(r => r.Name)
            .Subscribe(output);
        Assert.Equal("a@1 b@5 W4 c@3 d@9 W9 Wmax |", output.Describe());
    }

    [Fact]
    public void LowerOrEqualPunctuationIsIgnored()
    {
        var output = new Collector<StreamElement<long>>();
        new long[] { 10, 5, 10, 12 }.ToObservable()
            .WithEventTime(t => t, WatermarkStrategy.ForPunctuated<long>((_, ts) => ts))
            .Subscribe(output);
        Assert.Equal("10@10 W10 5@5 10@10 12@12 W12 Wmax |", output.Describe());
    }

    [Fact]
    public void TheExtractorSeesTheRecordTimestamp()
    {
        var seen = new List<(string, long)>();
        var output = new Collector<StreamElement<string>>();
        new[] { "x", "yy" }.ToObservable()
            .WithEventTime(v => v.Length * 100L, WatermarkStrategy.ForPunctuated<string>((v, ts) =>
            {
                seen.Add((v, ts));
                return ts - 1;
            }))
            .Subscribe(output);
        Assert.Equal(new[] { ("x", 100L), ("yy", 200L) }, seen);
        Assert.Equal("x@100 W99 yy@200 W199 Wmax |", output.Describe());
    }

    [Fact]
    public void AStrategyForABaseTypeServesADerivedType()
    {
        var output = new Collector<StreamElement<string>>();
        new[] { "ab", "abcd" }.ToObservable()
            .WithEventTime(v => (long)v.Length, WatermarkStrategy.ForPunctuated<object>((v, ts) => ts + 1))
            .Subscribe(output);
        Assert.Equal("ab@2 W3 abcd@4 W5 Wmax |", output.Describe());
    }

    [Fact]
    public void AStrategyForObjectServesAValueTypeStream()
    {
        var output = new Collector<StreamElement<int>>();
        new[] { 3, 7 }.ToObservable()
            .WithEventTime(v => (long)v, WatermarkStrategy.ForPunctuated<object>((v, ts) => (int)v == 7 ? ts : null))
            .Subscribe(output);
        Assert.Equal("3@3 7@7 W7 Wmax |", output.Describe());
    }

    [Fact]
    public void AStrategyForANullableOrInterfaceTypeServesAValueTypeStream()
    {
        var nullable = new Collector<StreamElement<int>>();
        new[] { 3, 7 }.ToObservable()
            .WithEventTime(v => (long)v, WatermarkStrategy.ForPunctuated<int?>((v, ts) => v * 2))
            .Subscribe(nullable);
        Assert.Equal("3@3 W6 7@7 W14 Wmax |", nullable.Describe());
        var comparable = new Collector<StreamElement<int>>();
        new[] { 3, 7 }.ToObservable()
            .WithEventTime(v => (long)v, WatermarkStrategy.ForPunctuated<IComparable>((v, ts) => v.CompareTo(5) > 0 ? ts : null))
            .Subscribe(comparable);
        Assert.Equal("3@3 7@7 W7 Wmax |", comparable.Describe());
    }

    [Fact]
    public void AStrategyForAnotherTypeIsRejected()
    {
        var strategy = WatermarkStrategy.ForPunctuated<string>((_, ts) => ts);
        var ex = Assert.Throws<ArgumentException>(() => new[] { 1 }.ToObservable().WithEventTime(v => (long)v, strategy));
        Assert.Equal("watermarkStrategy", ex.ParamName);
        Assert.Equal("The watermark strategy was built for records of type String, but the stream carries Int32. (Parameter 'watermarkStrategy')", ex.Message);
    }

    [Fact]
    public void ExtractorIsRequired()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => WatermarkStrategy.ForPunctuated<int>(null!));
        Assert.Equal("watermarkOf", ex.ParamName);
    }

    [Fact]
    public void FailingExtractorFailsTheStreamAfterTheRecord()
    {
        var output = new Collector<StreamElement<int>>();
        var inner = new InvalidOperationException("no mark");
        new[] { 1, 2, 3 }.ToObservable()
            .WithEventTime(v => (long)v * 10, WatermarkStrategy.ForPunctuated<int>((v, ts) => v == 2 ? throw inner : ts))
            .Subscribe(output);
        Assert.Equal("1@10 W10 2@20 X", output.Describe());
        var error = Assert.IsType<StreamOperatorException>(output.Error);
        Assert.Equal("WithEventTime failed on record '2' at timestamp 20: no mark", error.Message);
        Assert.Same(inner, error.InnerException);
        Assert.Equal(2, error.Record);
        Assert.Equal(20L, error.Timestamp);
    }
}
