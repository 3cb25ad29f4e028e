using System.Reactive.Linq;
using CsCheck;
using RxStreams.Testing;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators;

/// <summary>Every operator forwards watermarks, statuses and barriers in place, and no operator emits a lower watermark.</summary>
public class WatermarkPropagationTest
{
    private const string Input = "1@1 W1 Idle Active 2@5 B7 W5 3@3 W9 Wmax";

    public static TheoryData<string, string> Pipelines() => new()
    {
        { "Select", "10@1 W1 Idle Active 20@5 B7 W5 30@3 W9 Wmax |" },
        { "Where", "W1 Idle Active 2@5 B7 W5 W9 Wmax |" },
        { "SelectMany", "1@1 1@1 W1 Idle Active 2@5 2@5 B7 W5 3@3 3@3 W9 Wmax |" },
        { "Union", "1@1 W1 Idle Active 2@5 B7 W5 3@3 W9 Wmax |" },
        { "KeyBy.Sum", "k=1@1 W1 Idle Active k=3@5 B7 W5 k=6@3 W9 Wmax |" },
        { "KeyBy.Count", "k=1@1 W1 Idle Active k=2@5 B7 W5 k=3@3 W9 Wmax |" },
        { "KeyBy.Average", "k=1@1 W1 Idle Active k=1.5@5 B7 W5 k=2@3 W9 Wmax |" },
        { "KeyBy.Min", "k=1@1 W1 Idle Active k=1@5 B7 W5 k=1@3 W9 Wmax |" },
        { "KeyBy.Max", "k=1@1 W1 Idle Active k=2@5 B7 W5 k=3@3 W9 Wmax |" },
        { "KeyBy.MinBy", "k=1@1 W1 Idle Active k=1@5 B7 W5 k=1@3 W9 Wmax |" },
        { "KeyBy.MaxBy", "k=1@1 W1 Idle Active k=2@5 B7 W5 k=3@3 W9 Wmax |" },
        { "KeyBy.Aggregate", "k=1@1 W1 Idle Active k=12@5 B7 W5 k=123@3 W9 Wmax |" },
        { "KeyBy.Reduce", "k=1@1 W1 Idle Active k=2@5 B7 W5 k=6@3 W9 Wmax |" },
        { "DivertLate", "1@1 W1 Idle Active 2@5 B7 W5 W9 Wmax |" },
        { "WithEventTimeScheduler", "1@1 W1 Idle Active 2@5 B7 W5 3@3 W9 Wmax |" },
        { "KeyedStream", "1@1 W1 Idle Active 2@5 B7 W5 3@3 W9 Wmax |" },
    };

    private static string Through(string name) => RunInts(Input, s => name switch
    {
        "Select" => s.Select(v => v * 10).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "Where" => s.Where(v => v % 2 == 0).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "SelectMany" => s.SelectMany(v => new[] { v, v }).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "Union" => s.Union().Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "KeyBy.Sum" => s.KeyBy(_ => "k").Sum(v => v).Select(k => k.ToString()),
        "KeyBy.Count" => s.KeyBy(_ => "k").Count().Select(k => k.ToString()),
        "KeyBy.Average" => s.KeyBy(_ => "k").Average(v => v).Select(k => k.ToString()),
        "KeyBy.Min" => s.KeyBy(_ => "k").Min(v => v).Select(k => k.ToString()),
        "KeyBy.Max" => s.KeyBy(_ => "k").Max(v => v).Select(k => k.ToString()),
        "KeyBy.MinBy" => s.KeyBy(_ => "k").MinBy(v => v).Select(k => k.ToString()),
        "KeyBy.MaxBy" => s.KeyBy(_ => "k").MaxBy(v => v).Select(k => k.ToString()),
        "KeyBy.Aggregate" => s.KeyBy(_ => "k").Aggregate("", (acc, v) => acc + v).Select(k => k.ToString()),
        "KeyBy.Reduce" => s.KeyBy(_ => "k").Reduce((a, b) => a * b).Select(k => k.ToString()),
        "DivertLate" => s.DivertLate(new SideOutput<Record<int>>("late")).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "WithEventTimeScheduler" => s.WithEventTimeScheduler(new EventTimeScheduler()).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "KeyedStream" => s.KeyBy(v => v).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    }, complete: true);

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void ControlElementsPassThroughEveryOperator(string name, string expected) => Assert.Equal(expected, Through(name));

    [Fact]
    public void ExitsSeeTheSameWatermarks()
    {
        var input = StreamDescription.Parse(Input, int.Parse).ToObservable();
        var watermarks = new List<long>();
        input.Select(v => v).Where(v => true).SelectMany(v => new[] { v }).KeyBy(v => v % 2).Sum(v => v).DivertLate(new SideOutput<Record<Keyed<int, int>>>("late"))
            .Watermarks().Subscribe(watermarks.Add);
        Assert.Equal(new[] { 1L, 5L, 9L, long.MaxValue }, watermarks);
    }

    [Fact]
    public void AChainOfOperatorsNeverEmitsALowerWatermark()
    {
        Gen.Long[0, 200].Array[0, 40].Select(Gen.Int[0, 20]).Sample((timestamps, bound) =>
        {
            var left = timestamps.ToObservable().WithEventTime(t => t, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(bound)));
            var right = timestamps.Reverse().ToObservable().WithEventTime(t => t, WatermarkStrategy.ForMonotonousTimestamps());
            var watermarks = new List<long>();
            left.Select(t => t + 1).Where(t => t % 3 != 0).Union(right)
                .KeyBy(t => t % 4).Sum(t => t)
                .DivertLate(new SideOutput<Record<Keyed<long, long>>>("late"))
                .WithEventTimeScheduler(new EventTimeScheduler())
                .Watermarks()
                .Subscribe(watermarks.Add);
            return watermarks.Count > 0 && watermarks[^1] == long.MaxValue && watermarks.Zip(watermarks.Skip(1)).All(p => p.First < p.Second);
        });
    }
}
