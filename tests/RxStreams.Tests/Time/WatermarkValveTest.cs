using RxStreams.Time;

namespace RxStreams.Tests.Time;

public class WatermarkValveTest
{
    [Fact]
    public void StartsAtTheBeginningOfTimeAndActive()
    {
        var valve = new WatermarkValve(2);
        Assert.Equal(long.MinValue, valve.Output);
        Assert.False(valve.IsIdle);
    }

    [Fact]
    public void OutputIsTheMinimumOverChannels()
    {
        var valve = new WatermarkValve(3);
        Assert.False(valve.OnWatermark(0, 10));
        Assert.False(valve.OnWatermark(1, 5));
        Assert.True(valve.OnWatermark(2, 7));
        Assert.Equal(5, valve.Output);
        Assert.False(valve.OnWatermark(0, 20));
        Assert.True(valve.OnWatermark(1, 30));
        Assert.Equal(7, valve.Output);
        Assert.True(valve.OnWatermark(2, 40));
        Assert.Equal(20, valve.Output);
    }

    [Fact]
    public void AChannelGoingBackIsIgnoredAndTheOutputNeverGoesBack()
    {
        var valve = new WatermarkValve(2);
        valve.OnWatermark(0, 10);
        valve.OnWatermark(1, 10);
        Assert.False(valve.OnWatermark(0, 3));
        Assert.False(valve.OnWatermark(0, 10));
        Assert.Equal(10, valve.Output);
        Assert.False(valve.OnWatermark(1, 12));
        Assert.Equal(10, valve.Output);
    }

    [Fact]
    public void AnIdleChannelDoesNotHoldBackTheOutput()
    {
        var valve = new WatermarkValve(2);
        valve.OnWatermark(0, 10);
        Assert.Equal(long.MinValue, valve.Output);
        Assert.True(valve.OnIdle(1));
        Assert.Equal(10, valve.Output);
        Assert.False(valve.IsIdle);
        Assert.True(valve.OnWatermark(0, 15));
        Assert.Equal(15, valve.Output);
    }

    [Fact]
    public void IdleTwiceIsNoChange()
    {
        var valve = new WatermarkValve(2);
        valve.OnWatermark(0, 10);
        Assert.True(valve.OnIdle(1));
        Assert.False(valve.OnIdle(1));
        Assert.False(valve.IsIdle);
    }

    [Fact]
    public void AllIdleAdvancesToTheHighestWatermarkAndIsIdle()
    {
        var valve = new WatermarkValve(3);
        valve.OnWatermark(0, 10);
        valve.OnWatermark(1, 30);
        valve.OnWatermark(2, 20);
        Assert.Equal(10, valve.Output);
        Assert.True(valve.OnIdle(0));
        Assert.Equal(20, valve.Output);
        Assert.True(valve.OnIdle(2));
        Assert.Equal(30, valve.Output);
        Assert.False(valve.IsIdle);
        Assert.False(valve.OnIdle(1));
        Assert.True(valve.IsIdle);
        Assert.Equal(30, valve.Output);
    }

    [Fact]
    public void AllIdleBehindTheOutputDoesNotAdvance()
    {
        var valve = new WatermarkValve(1);
        valve.OnWatermark(0, 8);
        Assert.False(valve.OnIdle(0));
        Assert.True(valve.IsIdle);
        Assert.Equal(8, valve.Output);
    }

    [Fact]
    public void AllIdleWithoutWatermarksStaysAtTheBeginningOfTime()
    {
        var valve = new WatermarkValve(2);
        Assert.False(valve.OnIdle(0));
        Assert.False(valve.OnIdle(1));
        Assert.True(valve.IsIdle);
        Assert.Equal(long.MinValue, valve.Output);
    }

    [Fact]
    public void OnActiveReportsOnlyTheOutputTurningActive()
    {
        var valve = new WatermarkValve(2);
        Assert.False(valve.OnActive(0));
        valve.OnIdle(0);
        Assert.False(valve.OnActive(0));
        valve.OnIdle(0);
        valve.OnIdle(1);
        Assert.True(valve.IsIdle);
        Assert.True(valve.OnActive(1));
        Assert.False(valve.IsIdle);
        Assert.False(valve.OnActive(0));
    }

    [Fact]
    public void AChannelBackFromIdleBehindTheOutputRejoinsOnlyWhenCaughtUp()
    {
        var valve = new WatermarkValve(2);
        valve.OnWatermark(0, 5);
        valve.OnWatermark(1, 20);
        valve.OnIdle(0);
        Assert.Equal(20, valve.Output);
        valve.OnActive(0);

        // Channel 0 is at 5, behind the output 20: it does not pull the output back, nor hold it.
        Assert.True(valve.OnWatermark(1, 25));
        Assert.Equal(25, valve.Output);
        Assert.False(valve.OnWatermark(0, 24));
        Assert.Equal(25, valve.Output);
        Assert.True(valve.OnWatermark(1, 40));
        Assert.Equal(40, valve.Output);

        // Once it reaches the output it is aligned again and holds the minimum.
        Assert.False(valve.OnWatermark(0, 41));
        Assert.Equal(40, valve.Output);
        Assert.True(valve.OnWatermark(1, 50));
        Assert.Equal(41, valve.Output);
        Assert.True(valve.OnWatermark(0, 45));
        Assert.Equal(45, valve.Output);
    }

    [Fact]
    public void AChannelBackFromIdleAtTheOutputIsAlignedAtOnce()
    {
        var valve = new WatermarkValve(2);
        valve.OnWatermark(0, 20);
        valve.OnWatermark(1, 20);
        valve.OnIdle(0);
        valve.OnActive(0);
        Assert.False(valve.OnWatermark(1, 30));
        Assert.Equal(20, valve.Output);
        Assert.True(valve.OnWatermark(0, 25));
        Assert.Equal(25, valve.Output);
    }

    [Fact]
    public void WhenOnlyUnalignedChannelsAreActiveTheOutputWaits()
    {
        var valve = new WatermarkValve(2);
        valve.OnWatermark(0, 5);
        valve.OnWatermark(1, 20);
        valve.OnIdle(0);
        valve.OnActive(0);
        Assert.False(valve.OnIdle(1));
        Assert.Equal(20, valve.Output);
        Assert.False(valve.IsIdle);
        Assert.False(valve.OnWatermark(0, 19));
        Assert.True(valve.OnWatermark(0, 21));
        Assert.Equal(21, valve.Output);
    }

    [Fact]
    public void ACompletedChannelCountsAsTheEndOfTime()
    {
        var valve = new WatermarkValve(2);
        valve.OnWatermark(0, 10);
        Assert.True(valve.OnCompleted(1));
        Assert.Equal(10, valve.Output);
        Assert.True(valve.OnWatermark(0, 12));
        Assert.True(valve.OnCompleted(0));
        Assert.Equal(long.MaxValue, valve.Output);
    }

    [Fact]
    public void CompletionWhileAllIdleMakesTheOutputActive()
    {
        var valve = new WatermarkValve(2);
        valve.OnWatermark(0, 10);
        valve.OnWatermark(1, 30);
        valve.OnIdle(0);
        valve.OnIdle(1);
        Assert.True(valve.IsIdle);
        Assert.Equal(30, valve.Output);
        Assert.True(valve.OnCompleted(0));
        Assert.False(valve.IsIdle);

        // The other channel is still idle, so the completed one alone decides the output.
        Assert.Equal(long.MaxValue, valve.Output);
    }

    [Fact]
    public void CompletionOfTheLowestChannelAdvancesToTheNextLowest()
    {
        var valve = new WatermarkValve(3);
        valve.OnWatermark(0, 1);
        valve.OnWatermark(1, 7);
        valve.OnWatermark(2, 4);
        Assert.Equal(1, valve.Output);
        Assert.True(valve.OnCompleted(0));
        Assert.Equal(4, valve.Output);
        Assert.False(valve.OnCompleted(1));
        Assert.Equal(4, valve.Output);
    }
}
