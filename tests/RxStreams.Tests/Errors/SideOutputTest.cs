namespace RxStreams.Tests.Errors;

public class SideOutputTest
{
    [Fact]
    public void CountsItemsWithOrWithoutSubscribers()
    {
        var late = new SideOutput<Record<int>>("late-readings");
        var subject = new System.Reactive.Subjects.Subject<StreamElement<int>>();
        using var _ = subject.DivertLate(late).Subscribe(_ => { });
        subject.OnNext(StreamElement.Watermark<int>(20));
        subject.OnNext(StreamElement.Record(1, 10));
        Assert.Equal(1, late.Count);
        Assert.Equal("late-readings (1)", late.ToString());

        var seen = new List<Record<int>>();
        using (late.Subscribe(seen.Add))
        {
            subject.OnNext(StreamElement.Record(2, 11));
        }

        subject.OnNext(StreamElement.Record(3, 12));
        Assert.Equal(new[] { new Record<int>(2, 11) }, seen);
        Assert.Equal(3, late.Count);
        Assert.Equal("late-readings", late.Name);
    }

    [Fact]
    public void NameIsRequired()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new SideOutput<int>(null!));
        Assert.Equal("name", ex.ParamName);
    }

    [Fact]
    public void DeadLettersHasADefaultName()
    {
        Assert.Equal("dead-letters", new DeadLetters().Name);
        Assert.Equal("bad (0)", new DeadLetters("bad").ToString());
    }
}
