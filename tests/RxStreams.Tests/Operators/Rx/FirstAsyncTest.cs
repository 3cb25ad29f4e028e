using System.Reactive.Linq;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators.Rx;

/// <summary>FirstAsync passes the first (matching) record and ends with Wmax; no record is an error.</summary>
public class FirstAsyncTest
{
    [Fact]
    public void PassesTheFirstRecordThenWmax() =>
        Assert.Equal("W0 a@1 Wmax |", Run("W0 a@1 b@2", s => s.FirstAsync()));

    [Fact]
    public void PassesTheFirstMatchingRecord() =>
        Assert.Equal("W1 4@3 Wmax |", RunInts("1@1 W1 4@3 6@4", s => s.FirstAsync(v => v % 2 == 0)));

    [Fact]
    public void NoRecordFailsTheStream()
    {
        var output = new Collector<StreamElement<string>>();
        using var _ = RxStreams.Testing.StreamDescription.Parse("W1 Wmax").ToObservable().FirstAsync().Subscribe(output);
        Assert.Equal("W1 X", output.Describe());
        Assert.Equal("FirstAsync: the stream ended without a record.", Assert.IsType<InvalidOperationException>(output.Error).Message);
    }
}
