using System.IO;
using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using RxStreams.Sinks;
using RxStreams.Testing;

namespace RxStreams.Tests.Sinks;

/// <summary>How SinkTo batches, passes control elements on, ends and fails, outside a job (virtual time).</summary>
public class SinkToTest
{
    [Fact]
    public void BatchesAreWrittenWhenFullWhenTheirLatencyExpiresAndAtTheEnd()
    {
        var scheduler = new TestScheduler();
        var sink = new RecordingSink(new SinkOptions { BatchSize = 3, BatchLatency = TimeSpan.FromTicks(100), Scheduler = scheduler });
        var input = scheduler.CreateHotObservable(
            ReactiveTest.OnNext(10, StreamElement.Record("a", 1)),
            ReactiveTest.OnNext(20, StreamElement.Record("b", 2)),
            ReactiveTest.OnNext(30, StreamElement.Record("c", 3)),   // full: written at 30
            ReactiveTest.OnNext(40, StreamElement.Record("d", 4)),   // due at 140
            ReactiveTest.OnNext(50, StreamElement.Watermark<string>(4)),
            ReactiveTest.OnNext(200, StreamElement.Record("e", 5)),
            ReactiveTest.OnCompleted<StreamElement<string>>(250));   // the end writes e
        var output = new Collector<StreamElement<string>>();

        input.SinkTo(sink).Subscribe(output);
        scheduler.Start();

        Assert.Equal(["[a b c]@30", "[d]@140", "[e]@250", "flush", "dispose"], sink.Log);
        Assert.Equal("W4 |", output.Describe());
        var context = Assert.Single(sink.Contexts);
        Assert.Equal("recording", context.Uid);
        Assert.False(context.IsCheckpointed);
        Assert.Equal((0, 1), (context.Subtask, context.Parallelism));
    }

    [Fact]
    public void AWriteThatFailsEndsTheStreamWithASinkExceptionNamingTheSinkAndTheBatch()
    {
        var sink = new RecordingSink(new SinkOptions { BatchSize = 2, Scheduler = new TestScheduler() }, failOn: r => r == "c");
        var output = new Collector<StreamElement<string>>();
        var input = new Subject<StreamElement<string>>();
        input.SinkTo(sink).Uid("results").Subscribe(output);

        foreach (var element in StreamDescription.Parse("a@1 b@2 c@3 d@4 e@5"))
        {
            input.OnNext(element);
        }

        var error = Assert.IsType<SinkException>(output.Error);
        Assert.Equal("Sink 'recording' (uid 'results', subtask 0 of 1): writing a batch of 2 records failed: the disk refused c", error.Message);
        Assert.Equal(("recording", "results", 0), (error.SinkName, error.Uid, error.Subtask));
        Assert.IsType<IOException>(error.InnerException);
        Assert.Equal(["[a b]@0", "dispose"], sink.Log);
        Assert.False(input.HasObservers);
    }

    [Fact]
    public void AnUpstreamErrorPassesOnAndWritesNothingMore()
    {
        var sink = new RecordingSink(new SinkOptions { BatchSize = 10 });
        var output = new Collector<StreamElement<string>>();
        var input = new Subject<StreamElement<string>>();
        input.SinkTo(sink).Subscribe(output);

        input.OnNext(StreamElement.Record("a", 1));
        input.OnError(new InvalidOperationException("upstream"));

        Assert.Equal("upstream", output.Error!.Message);
        Assert.Equal(["dispose"], sink.Log);
    }

    [Fact]
    public void DisposingReleasesTheWriterAndCancelsTheLatencyTimer()
    {
        var scheduler = new TestScheduler();
        var sink = new RecordingSink(new SinkOptions { BatchSize = 10, BatchLatency = TimeSpan.FromTicks(100), Scheduler = scheduler });
        var input = new Subject<StreamElement<string>>();
        var subscription = input.SinkTo(sink).Subscribe(new Collector<StreamElement<string>>());

        input.OnNext(StreamElement.Record("a", 1));
        subscription.Dispose();
        scheduler.Start();

        Assert.Equal(["dispose"], sink.Log);
        Assert.False(input.HasObservers);
    }

    [Fact]
    public void ATransactionalSinkOutsideAJobCommitsEveryBatchAndTheRestAtTheEnd()
    {
        var store = new MemoryStore();
        var output = new Collector<StreamElement<string>>();
        var input = new Subject<StreamElement<string>>();
        input.SinkTo(new MemoryTransactionalSink(store, new SinkOptions { BatchSize = 2, BatchLatency = TimeSpan.Zero })).Subscribe(output);

        foreach (var element in StreamDescription.Parse("a@1 b@2 c@3"))
        {
            input.OnNext(element);
        }

        Assert.Equal(["a", "b"], store.Committed);
        input.OnCompleted();

        Assert.Equal(["a", "b", "c"], store.Committed);
        Assert.Equal((2, 0), (store.Commits, store.OpenTransactions));
        Assert.True(output.Completed);
    }

    [Fact]
    public void BadArgumentsAreRefusedNamingThem()
    {
        Assert.Throws<ArgumentNullException>("sink", () => new Subject<StreamElement<string>>().SinkTo(null!));
        Assert.Throws<ArgumentNullException>("stream", () => SinkExtensions.SinkTo(null!, new RecordingSink()));
        var size = Assert.Throws<ArgumentOutOfRangeException>("options", () => new RecordingSink(new SinkOptions { BatchSize = 0 }));
        Assert.Contains("Sink 'recording': BatchSize must be at least 1.", size.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("options", () => new RecordingSink(new SinkOptions { BatchLatency = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public void TransactionNamesCarryTheUidAndSubtaskAndAreFoundByTheWriterThatClaimsThem()
    {
        var scheduler = new TestScheduler();
        var old = new SinkContext("s", "orders.out", 3, 4, true, scheduler);
        var name = old.NewTransactionName();
        Assert.StartsWith("orders.out.3.", name, StringComparison.Ordinal);

        // Rescaled from 4 to 2 writers: subtask 1 takes over old subtasks 1 and 3.
        Assert.True(new SinkContext("s", "orders.out", 1, 2, true, scheduler).IsOwnTransaction(name));
        Assert.False(new SinkContext("s", "orders.out", 0, 2, true, scheduler).IsOwnTransaction(name));
        Assert.False(new SinkContext("s", "orders", 1, 2, true, scheduler).IsOwnTransaction(name));
        Assert.False(new SinkContext("s", "orders.out", 1, 2, true, scheduler).IsOwnTransaction("orders.out.x.abc"));
    }
}
