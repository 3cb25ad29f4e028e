using System;
using System.Reactive.Subjects;
using System.Threading;
using RxStreams.Time;

namespace RxStreams.Exchanges;

/// <summary>
/// One parallel task: a dedicated thread that drains its input channels (one per upstream producer) and pushes the
/// elements into the task's pipeline segment. Its input watermark is the minimum over its channels
/// (<see cref="WatermarkValve"/>: idle channels excluded, completed ones at <see cref="Watermark.MaxValue"/>).
/// Each channel's elements keep their order.
/// </summary>
internal sealed class ConsumerTask<T> : IDisposable
{
    private const int DrainBatch = 256;

    private readonly ExchangeChannel<T>[] _channels;
    private readonly TaskSignal _signal;
    private readonly Subject<StreamElement<T>> _input = new();
    private readonly WatermarkValve _valve;
    private readonly Checkpoints.BarrierAligner<T> _barriers;
    private readonly bool[] _done;
    private readonly string _name;
    private Thread? _thread;
    private volatile bool _stopped;

    public ConsumerTask(string name, int inputs, ExchangeOptions options)
    {
        _name = name;
        _signal = new TaskSignal();
        _channels = new ExchangeChannel<T>[inputs];
        for (var i = 0; i < inputs; i++)
        {
            _channels[i] = new ExchangeChannel<T>($"{name} input {i}", options.Capacity, options.Overflow, _signal);
        }

        _valve = new WatermarkValve(inputs);
        _barriers = new Checkpoints.BarrierAligner<T>(inputs, Checkpoints.JobRuntime.Current?.Mode != CheckpointingMode.AtLeastOnce);
        _done = new bool[inputs];
    }

    /// <summary>The channel from upstream producer <paramref name="producer"/>.</summary>
    public ExchangeChannel<T> Channel(int producer) => _channels[producer];

    /// <summary>What the task's segment subscribes to; elements arrive on the task's thread.</summary>
    public IObservable<StreamElement<T>> Input => _input;

    /// <summary>The task's thread, once started.</summary>
    public Thread? Thread => _thread;

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = _name };
        _thread.Start();
    }

    public void Dispose()
    {
        _stopped = true;
        foreach (var channel in _channels)
        {
            channel.Cancel();
        }

        // The subject is not disposed: the task thread may still be inside OnNext, and stops at its next check.
        _signal.Notify();
    }

    private void Run()
    {
        var sink = new Sink(this);
        try
        {
            while (!_stopped)
            {
                var drained = 0;
                var open = 0;
                for (var i = 0; i < _channels.Length; i++)
                {
                    if (_done[i])
                    {
                        continue;
                    }

                    var channel = _channels[i];

                    // A channel whose barrier arrived waits, unread, until the others' arrive (backpressure, not buffering).
                    if (_barriers.IsBlocked(i))
                    {
                        open++;
                        continue;
                    }

                    // Read completion before draining: once complete, everything it wrote is visible to this drain.
                    var completed = channel.IsCompleted;
                    drained += channel.Drain(ref sink, i, DrainBatch);

                    // A barrier in that batch blocked the channel: its completion waits until the alignment ends.
                    if (_barriers.IsBlocked(i))
                    {
                        open++;
                        continue;
                    }

                    if (completed && !channel.HasData)
                    {
                        if (channel.Error is { } error)
                        {
                            Stop();
                            _input.OnError(error);
                            return;
                        }

                        _done[i] = true;
                        _valve.Complete(i, _input);
                        if (_barriers.OnCompleted(i))
                        {
                            _input.OnNext(StreamElement.Barrier<T>(_barriers.Checkpoint));
                            _barriers.Release(Process, NoCompletionWaits);
                        }

                        continue;
                    }

                    open++;
                }

                if (open == 0)
                {
                    _stopped = true;
                    _input.OnCompleted();
                    return;
                }

                if (drained == 0)
                {
                    Park();
                }
            }
        }
        catch (Exception ex)
        {
            // An observer threw past the operators' own error handling: fail the task's stream instead of the process.
            Stop();
            try
            {
                _input.OnError(ex);
            }
            catch (Exception)
            {
                // The downstream failed while failing; a background thread must not take the process down with it.
            }
        }
    }

    private void Stop()
    {
        _stopped = true;
        foreach (var channel in _channels)
        {
            channel.Cancel();
        }
    }

    private void Park()
    {
        var spinner = default(SpinWait);
        for (var spins = 0; spins < 20; spins++)
        {
            if (AnyReady())
            {
                return;
            }

            spinner.SpinOnce(-1);
        }

        _signal.Prepare();
        if (AnyReady() || _stopped)
        {
            _signal.Cancel();
            return;
        }

        _signal.Wait();
    }

    private bool AnyReady()
    {
        for (var i = 0; i < _channels.Length; i++)
        {
            if (!_done[i] && !_barriers.IsBlocked(i) && (_channels[i].HasData || _channels[i].IsCompleted))
            {
                return true;
            }
        }

        return false;
    }

    private void OnElement(int channel, StreamElement<T> element)
    {
        // Elements of a batch drained after the channel's barrier wait (at most one batch per channel).
        if (!_barriers.Hold(channel, element))
        {
            Process(channel, element);
        }
    }

    private void Process(int channel, StreamElement<T> element)
    {
        if (element.Kind != ElementKind.Barrier)
        {
            _valve.Push(channel, element, _input);
            return;
        }

        if (_barriers.Overtakes(element.Timestamp))
        {
            _barriers.Abandon(Process, NoCompletionWaits);
        }

        if (_barriers.OnBarrier(channel, element.Timestamp))
        {
            _input.OnNext(element);
            _barriers.Release(Process, NoCompletionWaits);
        }
    }

    // The task loop reads a channel's completion only once the channel is not blocked, so none is ever held.
    private static void NoCompletionWaits(int channel)
    {
    }

    private readonly struct Sink(ConsumerTask<T> task) : IChannelSink<T>
    {
        public void OnElement(int channel, StreamElement<T> element) => task.OnElement(channel, element);
    }
}
