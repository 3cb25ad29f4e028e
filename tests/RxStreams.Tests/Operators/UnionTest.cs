using System.Reactive.Linq;
using System.Reactive.Subjects;
using CsCheck;
using Microsoft.Reactive.Testing;
using RxStreams.Testing;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators;

public class UnionTest : ReactiveTest
{
    private sealed class Inputs
    {
        public Inputs(int count, Func<IObservable<StreamElement<string>>[], IObservable<StreamElement<string>>>? combine = null)
        {
            Subjects = Enumerable.Range(0, count).Select(_ => new Subject<StreamElement<string>>()).ToArray();
            var union = combine is null ? Subjects[0].Union(Subjects.Skip(1).ToArray()) : combine(Subjects);
            union.Subscribe(Output);
        }

        public Subject<StreamElement<string>>[] Subjects { get; }

        public Collector<StreamElement<string>> Output { get; } = new();

        /// <summary>Plays "0:a@1 1:W3 ..." (channel:element) and returns the union's output so far.</summary>
        public string Play(string script)
        {
            foreach (var token in script.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var channel = Subjects[token[0] - '0'];
                if (token[2..] == "|")
                {
                    channel.OnCompleted();
                }
                else
                {
                    channel.OnNext(StreamDescription.Parse(token[2..])[0]);
                }
            }

            return Output.Describe();
        }
    }

    [Fact]
    public void RecordsPassAndTheWatermarkIsTheMinimum()
    {
        var inputs = new Inputs(2);
        Assert.Equal("a@1 b@2 W3 c@9 W5 W6 W8", inputs.Play("0:a@1 0:W5 1:b@2 1:W3 1:c@9 1:W6 0:W8 1:W8"));
    }

    [Fact]
    public void ALowerWatermarkIsNeverEmitted()
    {
        var inputs = new Inputs(2);
        Assert.Equal("W4 W6", inputs.Play("0:W4 1:W6 1:W2 0:W3 0:W6 1:W5 0:W7"));
    }

    [Fact]
    public void ThreeInputs()
    {
        var inputs = new Inputs(3);
        Assert.Equal("W1 W2 W3 W10", inputs.Play("0:W3 1:W2 2:W1 2:W10 1:W10 0:W10"));
    }

    [Fact]
    public void MergeIsUnionOfTwo()
    {
        var inputs = new Inputs(2, s => s[0].Merge(s[1]));
        Assert.Equal("x@1 W2", inputs.Play("0:x@1 0:W2 1:W7"));
    }

    [Fact]
    public void AnIdleInputDoesNotHoldBackTheWatermark()
    {
        var inputs = new Inputs(2);
        Assert.Equal("W5 W9 a@1", inputs.Play("0:W9 1:W5 1:Idle 1:a@1"));
    }

    [Fact]
    public void AllIdleEmitsTheHighestWatermarkThenIdleAndActiveWhenOneReturns()
    {
        var inputs = new Inputs(2);
        Assert.Equal("W3 W7 Idle Active x@8", inputs.Play("0:W7 1:W3 0:Idle 1:Idle 0:x@8"));
    }

    [Fact]
    public void AnInputBackFromIdleBehindTheOutputDoesNotPullItBack()
    {
        var inputs = new Inputs(2);
        Assert.Equal("W2 W10 b@3 W12 W15", inputs.Play("0:W2 1:W10 0:Idle 0:Active 0:b@3 0:W5 1:W12 0:W15 1:W20"));
    }

    [Fact]
    public void ARepeatedIdleIsForwardedOnce()
    {
        var inputs = new Inputs(2);
        Assert.Equal("W4 Idle", inputs.Play("0:W4 0:Idle 1:Idle 1:Idle 0:Idle"));
    }

    [Fact]
    public void AnActiveFromAnActiveInputIsNotForwarded()
    {
        var inputs = new Inputs(2);
        Assert.Equal("W1", inputs.Play("0:Active 0:W1 1:W1 1:Active"));
    }

    [Fact]
    public void ABarrierGoesOnOnceItArrivedOnEveryInput()
    {
        var inputs = new Inputs(2);
        Assert.Equal("B1", inputs.Play("0:B1 1:B1 1:B2"));
        Assert.Equal("B1 B2", inputs.Play("0:B2"));
    }

    [Fact]
    public void RecordsBehindABarrierWaitUntilEveryInputHasItThenFollowIt()
    {
        var inputs = new Inputs(3);
        Assert.Equal("x@1 z@3", inputs.Play("0:B1 0:a@1 0:W5 1:x@1 1:B1 1:y@2 2:z@3"));
        Assert.Equal("x@1 z@3 B1 a@1 y@2", inputs.Play("2:B1"));
        Assert.Equal("x@1 z@3 B1 a@1 y@2 W5", inputs.Play("1:W7 2:W9"));
    }

    [Fact]
    public void ABarrierAmongReleasedRecordsHoldsTheRestOfItsInputAgain()
    {
        var inputs = new Inputs(2);
        Assert.Equal(string.Empty, inputs.Play("0:B1 0:a@1 0:B2 0:b@2"));
        Assert.Equal("B1 a@1 c@3", inputs.Play("1:B1 1:c@3"));
        Assert.Equal("B1 a@1 c@3 B2 b@2", inputs.Play("1:B2"));
    }

    [Fact]
    public void ACompletedInputCountsAsHavingEveryBarrier()
    {
        var inputs = new Inputs(2);
        Assert.Equal(string.Empty, inputs.Play("0:B1 0:a@1"));
        Assert.Equal("B1 a@1", inputs.Play("1:|"));
    }

    [Fact]
    public void AnInputThatEndsWhileHeldEndsAfterItsHeldRecords()
    {
        var inputs = new Inputs(2);
        Assert.Equal(string.Empty, inputs.Play("0:B1 0:a@1 0:W5 0:|"));
        Assert.Equal("b@2 B1 a@1", inputs.Play("1:b@2 1:B1"));
        Assert.Equal("b@2 B1 a@1 W7 Wmax |", inputs.Play("1:W7 1:|"));
    }

    [Fact]
    public void ANewerBarrierOvertakesAnAlignmentThatCannotComplete()
    {
        var inputs = new Inputs(2);
        Assert.Equal(string.Empty, inputs.Play("0:B1 0:a@1"));
        Assert.Equal("a@1 B2", inputs.Play("1:B2 0:B2"));
    }

    [Fact]
    public void ACompletedInputNoLongerHoldsTheWatermarkAndTheUnionCompletesWithTheLast()
    {
        var inputs = new Inputs(2);
        Assert.Equal("a@1 W5", inputs.Play("0:a@1 0:W5 1:|"));
        Assert.Equal("a@1 W5 W9 Wmax |", inputs.Play("0:W9 0:|"));
    }

    [Fact]
    public void CompletionWhileAllIdleTurnsTheOutputActive()
    {
        var inputs = new Inputs(2);
        Assert.Equal("W3 W7 Idle Active Wmax", inputs.Play("0:W7 1:W3 0:Idle 1:Idle 1:|"));
        Assert.False(inputs.Output.Completed);
    }

    [Fact]
    public void ChannelsEndingWithWmaxCompleteWithASingleWmax()
    {
        var output = new Collector<StreamElement<long>>();
        var left = new long[] { 1, 5 }.ToObservable().WithEventTime(t => t, WatermarkStrategy.ForMonotonousTimestamps());
        var right = new long[] { 3 }.ToObservable().WithEventTime(t => t, WatermarkStrategy.ForMonotonousTimestamps());
        left.Union(right).Subscribe(output);

        // Cold inputs run one after the other: the left one completes (counting as Wmax) before the right one starts.
        Assert.Equal("1@1 5@5 3@3 W3 Wmax |", output.Describe());
    }

    [Fact]
    public void AnErrorFailsTheUnionAndUnsubscribesTheOthers()
    {
        var inputs = new Inputs(3);
        inputs.Play("0:a@1");
        var error = new InvalidOperationException("input failed");
        inputs.Subjects[1].OnError(error);
        Assert.Same(error, inputs.Output.Error);
        Assert.All(inputs.Subjects, s => Assert.False(s.HasObservers));
        Assert.Equal("a@1 X", inputs.Play("2:b@2 2:|"));
    }

    [Fact]
    public void DisposingUnsubscribesEveryInput()
    {
        var a = new Subject<StreamElement<string>>();
        var b = new Subject<StreamElement<string>>();
        var subscription = a.Union(b).Subscribe(_ => { });
        Assert.True(a.HasObservers && b.HasObservers);
        subscription.Dispose();
        Assert.False(a.HasObservers || b.HasObservers);
    }

    [Fact]
    public void UnionOfOneIsThePassThroughWithStatus()
    {
        var inputs = new Inputs(1);
        Assert.Equal("a@1 W1 Idle Active W3 Wmax |", inputs.Play("0:a@1 0:W1 0:Idle 0:Active 0:W3 0:|"));
    }

    [Fact]
    public void HotInputsOnATestScheduler()
    {
        var scheduler = new TestScheduler();
        var left = scheduler.CreateHotObservable(
            OnNext(210, StreamElement.Record("a", 1)),
            OnNext(220, StreamElement.Watermark<string>(4)),
            OnNext(300, StreamElement.Watermark<string>(9)),
            OnCompleted<StreamElement<string>>(400));
        var right = scheduler.CreateColdObservable(
            OnNext(50, StreamElement.Record("b", 2)),
            OnNext(60, StreamElement.Watermark<string>(6)),
            OnCompleted<StreamElement<string>>(150));
        var observer = scheduler.Start(() => left.Union(right));
        Assert.Equal("210:a@1 250:b@2 260:W4 300:W6 350:W9 400:Wmax 400:|", Timeline(observer.Messages));
    }

    [Fact]
    public void OutputWatermarkIsAlwaysTheMinimumOfTheInputs()
    {
        Gen.Select(Gen.Int[0, 2], Gen.Long[0, 100]).Array[0, 40].Sample(steps =>
        {
            var subjects = new[] { new Subject<StreamElement<int>>(), new Subject<StreamElement<int>>(), new Subject<StreamElement<int>>() };
            var emitted = new List<long>();
            subjects[0].Union(subjects[1], subjects[2]).Watermarks().Subscribe(emitted.Add);
            var highest = new[] { long.MinValue, long.MinValue, long.MinValue };
            foreach (var (channel, watermark) in steps)
            {
                subjects[channel].OnNext(StreamElement.Watermark<int>(watermark));
                highest[channel] = Math.Max(highest[channel], watermark);
                var current = emitted.Count == 0 ? long.MinValue : emitted[^1];
                if (current != highest.Min())
                {
                    return false;
                }
            }

            return emitted.Zip(emitted.Skip(1)).All(p => p.First < p.Second);
        });
    }

    [Fact]
    public void ArgumentsAreRequired()
    {
        var a = Observable.Empty<StreamElement<int>>();
        Assert.Equal("first", Assert.Throws<ArgumentNullException>(() => ((IObservable<StreamElement<int>>)null!).Union(a)).ParamName);
        Assert.Equal("others", Assert.Throws<ArgumentNullException>(() => a.Union(null!)).ParamName);
        var ex = Assert.Throws<ArgumentNullException>(() => a.Union(a, null!));
        Assert.Equal("others", ex.ParamName);
        Assert.Equal("Stream 1 of others is null. (Parameter 'others')", ex.Message);
    }
}
