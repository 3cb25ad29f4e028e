using System.Reactive.Linq;
using System.Reactive.Subjects;
using RxStreams.Testing;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Errors;

public class DeadLetterTest
{
    private static int Parse(string s) => s == "bad" ? throw new FormatException("not a number") : int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static List<DeadLetter> Watch(DeadLetters deadLetters)
    {
        var list = new List<DeadLetter>();
        deadLetters.Subscribe(list.Add);
        return list;
    }

    [Fact]
    public void SelectSendsFailingRecordsToDeadLettersAndGoesOn()
    {
        var dead = new DeadLetters();
        var letters = Watch(dead);
        var output = Run("1@1 bad@2 W2 3@3 Wmax", s => s.Select(Parse, dead), complete: true);
        Assert.Equal("1@1 W2 3@3 Wmax |", output);
        var letter = Assert.Single(letters);
        Assert.Equal("Select", letter.Operator);
        Assert.Equal("bad", letter.Record);
        Assert.Equal(2L, letter.Timestamp);
        Assert.IsType<FormatException>(letter.Error);
        Assert.Equal("not a number", letter.Error.Message);
        Assert.Equal(1, dead.Count);
    }

    [Fact]
    public void WhereSendsFailingRecordsToDeadLetters()
    {
        var dead = new DeadLetters();
        var letters = Watch(dead);
        var output = Run("1@1 bad@2 22@3 W4", s => s.Where(v => Parse(v) > 10, dead));
        Assert.Equal("22@3 W4", output);
        Assert.Equal(("Where", (object?)"bad", (long?)2), (letters[0].Operator, letters[0].Record, letters[0].Timestamp));
        Assert.Single(letters);
    }

    [Fact]
    public void SelectManyKeepsItemsBeforeTheFailureAndDeadLettersTheRecord()
    {
        var dead = new DeadLetters();
        var letters = Watch(dead);
        static IEnumerable<string> Split(string v)
        {
            foreach (var part in v.Split('-'))
            {
                yield return part == "bad" ? throw new InvalidOperationException("bad part") : part;
            }
        }

        var output = Run("a-b@1 c-bad-d@2 e@3 W3", s => s.SelectMany(Split, dead));
        Assert.Equal("a@1 b@1 c@2 e@3 W3", output);
        var letter = Assert.Single(letters);
        Assert.Equal(("SelectMany", (object?)"c-bad-d", (long?)2, "bad part"), (letter.Operator, letter.Record, letter.Timestamp, letter.Error.Message));
    }

    [Fact]
    public void SelectManyNullCollectionGoesToDeadLetters()
    {
        var dead = new DeadLetters();
        var letters = Watch(dead);
        var output = Run("a@1 null@2 b@3", s => s.SelectMany(v => v == "null" ? null! : new[] { v, v }, (v, item) => v + item, dead));
        Assert.Equal("aa@1 aa@1 bb@3 bb@3", output);
        var error = Assert.IsType<InvalidOperationException>(Assert.Single(letters).Error);
        Assert.Equal("the collection selector returned null.", error.Message);
    }

    [Fact]
    public void WithEventTimeSendsValuesWithoutTimestampToDeadLettersWithNullTimestamp()
    {
        var dead = new DeadLetters("no-time");
        var letters = Watch(dead);
        var output = new Collector<StreamElement<string>>();
        new[] { "a:1", "b", "c:5" }.ToObservable()
            .WithEventTime(v => long.Parse(v.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture), WatermarkStrategy.ForMonotonousTimestamps(), dead)
            .Subscribe(output);
        Assert.Equal("a:1@1 W1 c:5@5 W5 Wmax |", output.Describe());
        var letter = Assert.Single(letters);
        Assert.Equal("WithEventTime", letter.Operator);
        Assert.Equal("b", letter.Record);
        Assert.Null(letter.Timestamp);
        Assert.IsType<IndexOutOfRangeException>(letter.Error);
    }

    [Fact]
    public void KeyedOperatorsSendNullKeysAndFailingKeySelectorsToDeadLetters()
    {
        var dead = new DeadLetters();
        var letters = Watch(dead);
        var output = Run("a@1 null@2 boom@3 a@4 W4", s => s
            .KeyBy(v => v == "null" ? null! : v == "boom" ? throw new ArgumentException("no key") : v, deadLetters: dead)
            .Count());
        Assert.Equal("a=1@1 a=2@4 W4", output);
        Assert.Equal(2, letters.Count);
        Assert.Equal(("KeyBy", (object?)"null", (long?)2), (letters[0].Operator, letters[0].Record, letters[0].Timestamp));
        var nullKey = Assert.IsType<NullKeyException>(letters[0].Error);
        Assert.Equal("KeyBy failed on record 'null' at timestamp 2: the key selector of Count returned null.", nullKey.Message);
        Assert.Equal(("KeyBy", (object?)"boom", (long?)3, "no key"), (letters[1].Operator, letters[1].Record, letters[1].Timestamp, letters[1].Error.Message));
        Assert.IsType<ArgumentException>(letters[1].Error);
    }

    [Fact]
    public void SumOverflowGoesToDeadLettersAndTheKeyKeepsItsSum()
    {
        var dead = new DeadLetters();
        var letters = Watch(dead);
        var output = RunInts("2147483647@1 1@2 -7@3 W3", s => s.KeyBy(_ => "k", deadLetters: dead).Sum(v => v));
        Assert.Equal("k=2147483647@1 k=2147483640@3 W3", output);
        var letter = Assert.Single(letters);
        Assert.Equal(("Sum", (object?)1, (long?)2), (letter.Operator, letter.Record, letter.Timestamp));
        Assert.IsType<OverflowException>(letter.Error);
    }

    [Fact]
    public void FailingFirstRecordOfAKeyLeavesNoState()
    {
        var dead = new DeadLetters();
        var output = RunInts("0@1 5@2 W2", s => s.KeyBy(_ => "k", deadLetters: dead).Aggregate(100, (acc, v) => acc / v));
        Assert.Equal("k=20@2 W2", output);
        Assert.Equal(1, dead.Count);
    }

    [Fact]
    public void OneDeadLettersServesSeveralOperators()
    {
        var dead = new DeadLetters();
        var letters = Watch(dead);
        var output = Run("x@1 1@2 0@3 4@4", s => s.Select(Parse, dead).Select(v => 12 / v, dead));
        Assert.Equal("12@2 3@4", output);
        Assert.Equal(new[] { "Select:x", "Select:0" }, letters.Select(l => $"{l.Operator}:{l.Record}"));
        Assert.IsType<DivideByZeroException>(letters[1].Error);
        Assert.Equal(2, dead.Count);
    }

    [Fact]
    public void DeadLetterIsAValueRecord()
    {
        var error = new InvalidOperationException("e");
        Assert.Equal(new DeadLetter("Select", "r", 1, error), new DeadLetter("Select", "r", 1, error));
        Assert.NotEqual(new DeadLetter("Select", "r", 1, error), new DeadLetter("Where", "r", 1, error));
    }

    [Fact]
    public void WithoutDeadLettersTheSameFailureFailsTheStream()
    {
        var subject = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<int>>();
        subject.Select(Parse).Subscribe(output);
        foreach (var e in StreamDescription.Parse("1@1 bad@2 3@3"))
        {
            subject.OnNext(e);
        }

        Assert.Equal("1@1 X", output.Describe());
        Assert.False(subject.HasObservers);
    }
}
