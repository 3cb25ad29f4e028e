using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators.Rx;

/// <summary>Scan folds records only; each result carries its record's timestamp; control elements pass.</summary>
public class ScanTest
{
    [Fact]
    public void EmitsTheRunningAccumulatorWithEachRecordsTimestamp() =>
        Assert.Equal("1@1 W1 B1 3@2 W2 6@4 Wmax |", RunInts("1@1 W1 B1 2@2 W2 3@4 Wmax", s => s.Scan(0, (sum, v) => sum + v), complete: true));

    [Fact]
    public void WithoutASeedTheFirstRecordStarts() =>
        Assert.Equal("a@1 W1 ab@2 abc@3", Run("a@1 W1 b@2 c@3", s => s.Scan((acc, v) => acc + v)));

    [Fact]
    public void AFailingAccumulatorFailsTheStreamNamingScan() =>
        Assert.Equal("1@1 X", RunInts("5@1 0@2 1@3", s => s.Scan(0, (acc, v) => acc + 5 / v)));
}
