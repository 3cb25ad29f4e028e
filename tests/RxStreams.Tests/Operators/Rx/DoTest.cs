using System.Reactive.Linq;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators.Rx;

/// <summary>Do runs its action for records only and passes every element unchanged.</summary>
public class DoTest
{
    [Fact]
    public void RunsForRecordsOnlyAndPassesEverything()
    {
        var seen = new List<string>();
        var completed = 0;
        Assert.Equal("a@1 W1 b@2 Wmax |", Run("a@1 W1 b@2 Wmax", s => s.Do(v => seen.Add(v), () => completed++), complete: true));
        Assert.Equal(["a", "b"], seen);
        Assert.Equal(1, completed);
    }

    [Fact]
    public void AFailingActionFailsTheStreamNamingDo()
    {
        var output = new Collector<StreamElement<string>>();
        using var _ = RxStreams.Testing.StreamDescription.Parse("a@1 boom@2 c@3").ToObservable()
            .Do(v => { if (v == "boom") throw new InvalidOperationException("no"); })
            .Subscribe(output);
        Assert.Equal("a@1 X", output.Describe());
        Assert.Equal("Do failed on record 'boom' at timestamp 2: no", output.Error!.Message);
    }
}
