using System.Threading;
using RxStreams.Exchanges;

namespace RxStreams.Tests.Exchange;

/// <summary>
/// A consumer task drains its channels in spans of their rings. A barrier that blocks a channel (its other input has
/// not sent the barrier yet) holds back what follows it, also where the ring wraps and the rest comes in a second span.
/// </summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class ConsumerTaskSpansTest
{
    [Fact]
    public void ARecordAfterABarrierInTheRingsSecondSpanWaitsForTheAlignment()
    {
        var task = new ConsumerTask<int>("spans task", 2, new ExchangeOptions { Capacity = 4 });
        var output = new Log();
        using var subscription = task.Input.Subscribe(output);
        task.Start();
        try
        {
            var first = task.Channel(0);
            var second = task.Channel(1);
            for (var i = 0; i < 3; i++)
            {
                first.Write(StreamElement.Record(i, i));
            }

            first.Flush();
            output.WaitFor(3);

            // Slot 3 holds the barrier, slot 0 (the ring wrapped) the record after it: two spans in one drain.
            first.Write(StreamElement.Barrier<int>(1));
            first.Write(StreamElement.Record(3, 3));
            first.Flush();
            Assert.False(output.WaitFor(4, TimeSpan.FromMilliseconds(200)), $"the record after the barrier went on before the alignment: {output}");

            second.Write(StreamElement.Barrier<int>(1));
            second.Flush();
            output.WaitFor(5);
            first.Complete(null);
            second.Complete(null);
            output.WaitFor(6);
            Assert.Equal("0@0 1@1 2@2 B1 3@3 Wmax completed", output.ToString());
        }
        finally
        {
            task.Dispose();
            task.Thread!.Join(TimeSpan.FromSeconds(10));
        }
    }

    private sealed class Log : IObserver<StreamElement<int>>
    {
        private readonly List<string> _items = [];

        public void OnNext(StreamElement<int> value) => Add(value.ToString());

        public void OnError(Exception error) => Add("error " + error.Message);

        public void OnCompleted() => Add("completed");

        public bool WaitFor(int count, TimeSpan? timeout = null)
        {
            var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
            while (DateTime.UtcNow < until)
            {
                lock (_items)
                {
                    if (_items.Count >= count)
                    {
                        return true;
                    }
                }

                Thread.Sleep(1);
            }

            Assert.True(timeout is not null, $"expected {count} elements, got: {this}");
            return false;
        }

        public override string ToString()
        {
            lock (_items)
            {
                return string.Join(" ", _items);
            }
        }

        private void Add(string item)
        {
            lock (_items)
            {
                _items.Add(item);
            }
        }
    }
}
