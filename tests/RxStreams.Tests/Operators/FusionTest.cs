using System.Reactive.Subjects;
using RxStreams;
using RxStreams.Testing;

namespace RxStreams.Tests.Operators;

public class FusionTest
{
    private static (List<StreamElement<T>> Output, Exception? Error) Run<T>(string input, Func<IObservable<StreamElement<int>>, IObservable<StreamElement<T>>> pipeline)
    {
        var subject = new Subject<StreamElement<int>>();
        var output = new List<StreamElement<T>>();
        Exception? error = null;
        using var _ = pipeline(subject).Subscribe(output.Add, e => error = e);
        foreach (var e in StreamDescription.Parse(input, int.Parse))
        {
            subject.OnNext(e);
        }

        return (output, error);
    }

    [Fact]
    public void WhereThenSelectIsOneOperatorWithTheSameResults()
    {
        var stream = new Subject<StreamElement<int>>().Where(x => x > 1).Select(x => x * 10);
        Assert.Equal("Where → Select", stream.DescribeGraph().Nodes[^1].Name);
        var (output, error) = Run("1@1 2@2 W2 3@3", s => s.Where(x => x > 1).Select(x => x * 10));
        Assert.Null(error);
        Assert.Equal("20@2 W2 30@3", StreamDescription.Format(output));
    }

    [Fact]
    public void SelectThenWhereIsOneOperatorWithTheSameResults()
    {
        var stream = new Subject<StreamElement<int>>().Select(x => x * 10).Where(x => x > 10);
        Assert.Equal("Select → Where", stream.DescribeGraph().Nodes[^1].Name);
        var (output, error) = Run("1@1 2@2 W2 3@3", s => s.Select(x => x * 10).Where(x => x > 10));
        Assert.Null(error);
        Assert.Equal("20@2 W2 30@3", StreamDescription.Format(output));
    }

    [Fact]
    public void AFusedFailureNamesTheOperatorWhoseFunctionFailed()
    {
        var (_, whereError) = Run<int>("1@1", s => s.Where(x => x / 0 > 0).Select(x => x));
        Assert.Equal("Where", Assert.IsType<StreamOperatorException>(whereError).Operator);
        var (_, selectError) = Run<int>("1@1", s => s.Where(x => true).Select(x => x / 0));
        Assert.Equal("Select", Assert.IsType<StreamOperatorException>(selectError).Operator);
        var (_, mapError) = Run<int>("1@1", s => s.Select(x => x / 0).Where(x => true));
        Assert.Equal("Select", Assert.IsType<StreamOperatorException>(mapError).Operator);
        var (_, filterError) = Run<int>("1@1", s => s.Select(x => x).Where(x => x / 0 > 0));
        Assert.Equal("Where", Assert.IsType<StreamOperatorException>(filterError).Operator);
    }

    [Fact]
    public void OperatorsWithDifferentDeadLettersAreNotFused()
    {
        var first = new DeadLetters("first");
        var second = new DeadLetters("second");
        var stream = new Subject<StreamElement<int>>().Where(x => x > 1, first).Select(x => x * 10, second);
        Assert.Equal(["Where", "Select"], stream.DescribeGraph().Nodes.Skip(1).Select(n => n.Name));
        var letters = new List<DeadLetter>();
        using var fromFirst = first.Subscribe(letters.Add);
        using var fromSecond = second.Subscribe(letters.Add);
        var (output, error) = Run("2@2 0@3", s => s.Where(x => 10 / x > 1, first).Select(x => 10 / (x - 2), second));
        Assert.Null(error);
        Assert.Empty(output);
        Assert.Equal(["Select 2", "Where 0"], letters.Select(d => $"{d.Operator} {d.Record}"));
        Assert.Equal((1, 1), (first.Count, second.Count));
    }
}
