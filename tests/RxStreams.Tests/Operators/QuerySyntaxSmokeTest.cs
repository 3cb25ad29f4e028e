using System.Reactive.Linq;
using System.Reactive.Subjects;
using RxStreams;
using RxStreams.Testing;

namespace RxStreams.Tests.Operators;

public class QuerySyntaxSmokeTest
{
    [Fact]
    public void QuerySyntaxKeepsTimestampsAndWatermarks()
    {
        var input = new Subject<StreamElement<int>>();
        var output = new List<StreamElement<string>>();
        var query = from x in input
                    where x % 2 == 1
                    from y in new[] { x, x * 10 }
                    select $"v{y}";
        using var _ = query.Subscribe(output.Add);
        foreach (var e in StreamDescription.Parse("1@5 2@6 W4 3@7 Wmax", int.Parse))
        {
            input.OnNext(e);
        }

        Assert.Equal("v1@5 v10@5 W4 v3@7 v30@7 Wmax", StreamDescription.Format(output));
    }

    [Fact]
    public void WithEventTimeAndRollingSum()
    {
        var output = new List<StreamElement<Keyed<string, int>>>();
        new[] { ("a", 1, 10L), ("b", 2, 12L), ("a", 3, 11L), ("a", 4, 20L) }.ToObservable()
            .WithEventTime(r => r.Item3, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(2)))
            .KeyBy(r => r.Item1)
            .Sum(r => r.Item2)
            .Subscribe(output.Add);
        Assert.Equal("a=1@10 W8 b=2@12 W10 a=4@11 a=8@20 W18 Wmax", StreamDescription.Format(output));
    }
}
