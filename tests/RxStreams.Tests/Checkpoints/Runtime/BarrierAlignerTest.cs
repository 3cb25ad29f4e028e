using RxStreams.Checkpoints;

namespace RxStreams.Tests.Checkpoints.Runtime;

public class BarrierAlignerTest
{
    [Fact]
    public void AnAlignmentThatWouldHoldMoreThanItsCapacityIsGivenUpAndItsCheckpointDeclined()
    {
        var declined = new List<long>();
        var handed = new List<string>();
        var aligner = new BarrierAligner<string>(2, aligned: true, capacity: 2, declined.Add);
        void Process(int input, StreamElement<string> element) => handed.Add($"{input}:{element}");
        void Complete(int input) => handed.Add($"{input}:|");

        Assert.False(aligner.OnBarrier(0, 1));
        Assert.True(aligner.Hold(0, StreamElement.Record("a", 1), Process, Complete));
        Assert.True(aligner.Hold(0, StreamElement.Record("b", 2), Process, Complete));
        Assert.Equal(2, aligner.Waiting);

        // The third would exceed the capacity: the held ones go on first, then the caller hands on this one.
        Assert.False(aligner.Hold(0, StreamElement.Record("c", 3), Process, Complete));
        Assert.Equal(["0:a@1", "0:b@2"], handed);
        Assert.Equal([1L], declined);
        Assert.Equal(0, aligner.Waiting);
        Assert.False(aligner.IsBlocked(0));

        // The declined checkpoint's barrier from the other input is ignored; the next checkpoint aligns as usual.
        Assert.False(aligner.OnBarrier(1, 1));
        Assert.False(aligner.OnBarrier(0, 2));
        Assert.True(aligner.OnBarrier(1, 2));
    }

    [Fact]
    public void EachCompletedAlignmentReportsItsCheckpointAndHowLongItHeldAnInput()
    {
        var reported = new List<(long Checkpoint, TimeSpan Held)>();
        var aligner = new BarrierAligner<string>(3, aligned: true) { Aligned = (id, held) => reported.Add((id, held)) };
        Assert.False(aligner.OnBarrier(0, 1));
        System.Threading.Thread.Sleep(20);
        Assert.False(aligner.OnBarrier(2, 1));
        Assert.True(aligner.OnBarrier(1, 1));
        Assert.False(aligner.OnBarrier(1, 2));
        Assert.True(aligner.OnCompleted(0) is false && aligner.OnCompleted(2));

        Assert.Equal([1L, 2L], reported.Select(r => r.Checkpoint));
        Assert.True(reported[0].Held >= TimeSpan.FromMilliseconds(20), $"held {reported[0].Held}");

        var unaligned = new BarrierAligner<string>(2, aligned: false) { Aligned = (id, held) => reported.Add((id, held)) };
        Assert.False(unaligned.OnBarrier(0, 3));
        Assert.True(unaligned.OnBarrier(1, 3));
        Assert.Equal(2, reported.Count);
    }

    [Fact]
    public void WithoutAlignmentNothingWaitsAndTheLastBarrierGoesOn()
    {
        var aligner = new BarrierAligner<string>(2, aligned: false);
        Assert.False(aligner.OnBarrier(0, 1));
        Assert.False(aligner.Hold(0, StreamElement.Record("a", 1)));
        Assert.True(aligner.OnBarrier(1, 1));
    }
}
