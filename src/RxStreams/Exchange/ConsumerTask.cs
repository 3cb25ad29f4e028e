using System;
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
    private readonly TaskInput<T> _input = new();
    private readonly WatermarkValve _valve;
    private readonly Checkpoints.BarrierAligner<T> _barriers;
    private readonly bool[] _done;
    private readonly string _name;
    private readonly ConsumerCheckpoints<T>? _unaligned;
    private Thread? _thread;
    private volatile bool _stopped;

    /// <summary>Creates the task.</summary>
    /// <param name="name">Its thread's name.</param>
    /// <param name="inputs">How many producers feed it.</param>
    /// <param name="options">Its channels' capacity and overflow policy.</param>
    /// <param name="unaligned">Its part in unaligned checkpoints, in a job that takes them.</param>
    public ConsumerTask(string name, int inputs, ExchangeOptions options, ConsumerCheckpoints<T>? unaligned = null)
    {
        _name = name;
        _signal = new TaskSignal();
        _unaligned = unaligned;
        _channels = new ExchangeChannel<T>[inputs];
        for (var i = 0; i < inputs; i++)
        {
            _channels[i] = new ExchangeChannel<T>($"{name} input {i}", options.Capacity, options.Overflow, _signal)
            {
                Announcements = unaligned?.Announcements,
            };
        }

        _valve = new WatermarkValve(inputs);
        var job = Checkpoints.JobRuntime.Current;
        _barriers = new Checkpoints.BarrierAligner<T>(inputs, job?.Mode != CheckpointingMode.AtLeastOnce)
        {
            Aligned = job is null ? null : job.OnAligned,
        };
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
        var spans = new SpanSink(this);
        try
        {
            if (_unaligned?.TakeRestored() is { } restored)
            {
                // In flight when the restored checkpoint was taken: processed first, in their order, as they were then.
                foreach (var (channel, element) in restored)
                {
                    Process(channel, element);
                }
            }

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
                    drained += _unaligned is null && channel.DrainsSpans
                        ? channel.DrainSpans(ref spans, i, DrainBatch)
                        : channel.Drain(ref sink, i, DrainBatch);

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
                        if (_unaligned is { } unaligned && unaligned.Reached(i))
                        {
                            unaligned.AcknowledgeCapture();
                        }

                        if (_barriers.OnCompleted(i))
                        {
                            ForwardAligned(_barriers.Checkpoint);
                            _barriers.Release(Released, NoCompletionWaits);
                        }

                        continue;
                    }

                    open++;
                }

                if (open == 0)
                {
                    _unaligned?.Finish();
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

    private void OnElement(int channel, StreamElement<T> element, long position)
    {
        if (_unaligned is { } unaligned && OnUnaligned(unaligned, channel, element, position))
        {
            return;
        }

        // Elements of a batch drained after the channel's barrier wait (at most one batch per channel).
        if (!_barriers.Hold(channel, element))
        {
            Process(channel, element);
        }
    }

    /// <summary>
    /// Elements of a channel without unaligned checkpoints: runs of records go on as one batch (the valve only turns
    /// the output active first, as it does per record); control elements one by one; once a barrier blocks the channel,
    /// the rest wait as <see cref="OnElement"/> holds them.
    /// </summary>
    private void OnElements(int channel, ReadOnlySpan<StreamElement<T>> elements)
    {
        // A barrier blocked the channel in the span before this one (where the ring wraps): the rest waits.
        if (_barriers.IsBlocked(channel))
        {
            HoldOrProcess(channel, elements);
            return;
        }

        var run = 0;
        for (var i = 0; i < elements.Length; i++)
        {
            if (elements[i].Kind == ElementKind.Record)
            {
                continue;
            }

            PushRecords(channel, elements[run..i]);
            run = i + 1;
            OnElement(channel, elements[i], -1);
            if (_barriers.IsBlocked(channel))
            {
                HoldOrProcess(channel, elements[run..]);
                return;
            }
        }

        PushRecords(channel, elements[run..]);
    }

    private void HoldOrProcess(int channel, ReadOnlySpan<StreamElement<T>> elements)
    {
        foreach (var element in elements)
        {
            OnElement(channel, element, -1);
        }
    }

    private void PushRecords(int channel, ReadOnlySpan<StreamElement<T>> records)
    {
        if (records.IsEmpty)
        {
            return;
        }

        if (_valve.OnActive(channel))
        {
            _input.OnNext(StreamElement.Active<T>());
        }

        _input.OnNextBatch(records);
    }

    /// <summary>An element released after an alignment (a savepoint's): its place in the channel is behind us.</summary>
    private void Released(int channel, StreamElement<T> element)
    {
        if (_unaligned is { } unaligned && OnUnaligned(unaligned, channel, element, -1))
        {
            return;
        }

        Process(channel, element);
    }

    /// <summary>
    /// Unaligned checkpoints: takes an announced checkpoint at once (the barrier goes downstream before the records
    /// queued in front of it), accounts for what each channel has in flight (copied when its barrier is announced,
    /// captured as consumed until then), and swallows the barriers themselves. True when the element was such a barrier.
    /// <paramref name="position"/> is the element's place in its channel (−1 when it was released from an alignment).
    /// </summary>
    private bool OnUnaligned(ConsumerCheckpoints<T> unaligned, int channel, in StreamElement<T> element, long position)
    {
        var version = unaligned.Announcements.Version;
        if (version != unaligned.SeenVersion && position >= 0 && !_barriers.IsAligning)
        {
            unaligned.SeenVersion = version;
            var announced = unaligned.Announcements.Latest;
            if (announced > unaligned.Current && !unaligned.Job.IsAligned(announced))
            {
                StartUnaligned(unaligned, announced, channel, position);
            }
            else if (unaligned.IsCapturing)
            {
                CopyAnnounced(unaligned, channel, position);
            }
        }

        if (element.Kind == ElementKind.Barrier)
        {
            var id = element.Timestamp;
            if (unaligned.Job.IsAligned(id))
            {
                // A savepoint is aligned; a capture of an older checkpoint still under way is subsumed by it.
                unaligned.Abandon();
                return false;
            }

            if (id > unaligned.Current)
            {
                StartUnaligned(unaligned, id, channel, -1);
            }

            if (id == unaligned.Current && unaligned.Reached(channel))
            {
                unaligned.AcknowledgeCapture();
            }

            return true;
        }

        if (unaligned.IsOpen(channel) && element.Kind != ElementKind.LatencyMarker)
        {
            // Consumed after the checkpoint, sent before its barrier (not announced on this channel yet): in flight.
            unaligned.Capture(channel, element);
        }

        return false;
    }

    private void StartUnaligned(ConsumerCheckpoints<T> unaligned, long checkpointId, int channel, long position)
    {
        unaligned.Start(checkpointId, _done);
        _input.OnNext(StreamElement.Barrier<T>(checkpointId));
        if (unaligned.AllReached)
        {
            unaligned.AcknowledgeCapture();
            return;
        }

        CopyAnnounced(unaligned, channel, position);
    }

    /// <summary>
    /// Copies the in-flight elements of every open channel whose barrier of the current checkpoint is announced: from
    /// the next one to consume (<paramref name="position"/> on the channel being drained) up to the barrier.
    /// </summary>
    private void CopyAnnounced(ConsumerCheckpoints<T> unaligned, int draining, long position)
    {
        for (var i = 0; i < _channels.Length; i++)
        {
            if (!unaligned.IsOpen(i) || _channels[i].Announced is not { } announced || announced.CheckpointId != unaligned.Current)
            {
                continue;
            }

            if (i == draining && position < 0)
            {
                // Its place is unknown: it keeps being captured as consumed until its barrier arrives.
                continue;
            }

            _channels[i].CopyInFlight(i == draining ? position : _channels[i].Head, announced.Position, i, unaligned.Captured);
            if (unaligned.Reached(i))
            {
                unaligned.AcknowledgeCapture();
                return;
            }
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
            _barriers.Abandon(Released, NoCompletionWaits);
        }

        if (_barriers.OnBarrier(channel, element.Timestamp))
        {
            ForwardAligned(element.Timestamp);
            _barriers.Release(Released, NoCompletionWaits);
        }
    }

    /// <summary>An aligned barrier arrived on every channel: it goes on, and this task acknowledges it with nothing in flight.</summary>
    private void ForwardAligned(long checkpointId)
    {
        _input.OnNext(StreamElement.Barrier<T>(checkpointId));
        _unaligned?.AcknowledgeAligned(checkpointId);
    }

    // The task loop reads a channel's completion only once the channel is not blocked, so none is ever held.
    private static void NoCompletionWaits(int channel)
    {
    }

    private readonly struct Sink(ConsumerTask<T> task) : IChannelSink<T>
    {
        public void OnElement(int channel, StreamElement<T> element, long position) => task.OnElement(channel, element, position);
    }

    private readonly struct SpanSink(ConsumerTask<T> task) : IChannelSpanSink<T>
    {
        public void OnElements(int channel, ReadOnlySpan<StreamElement<T>> elements) => task.OnElements(channel, elements);
    }
}
