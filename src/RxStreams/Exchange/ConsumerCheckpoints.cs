using System;
using System.Collections.Generic;
using RxStreams.Checkpoints;
using RxStreams.State;

namespace RxStreams.Exchanges;

/// <summary>
/// A consumer task's part in unaligned checkpoints (Flink's channel state). When a barrier is announced, the task
/// forwards it at once, so the operators behind it snapshot without waiting for the records queued in front of it;
/// those records, sent before the barrier and not yet processed, are stored as the task's state: copied straight from
/// a channel whose barrier is announced, and captured as they are consumed from a channel whose barrier is not yet
/// (another producer's). The task acknowledges once every channel is accounted for, without waiting for the queued
/// records to be processed. A restored task processes them again before any new input.
/// </summary>
internal sealed class ConsumerCheckpoints<T> : ICheckpointParticipant
{
    private readonly IStateSerializer<T> _records;
    private readonly ParticipantHandle _handle;
    private readonly int _inputs;
    private readonly string _name;
    private List<(int Channel, StreamElement<T> Element)>? _restored;
    private List<(int Channel, StreamElement<T> Element)>? _captured;
    private List<(int Channel, StreamElement<T> Element)>? _acknowledging;
    private bool[] _reached = [];
    private int _open;

    public ConsumerCheckpoints(JobRuntime job, string exchangeName, int inputs, TaskInfo task)
    {
        Job = job;
        _inputs = inputs;
        _name = $"{exchangeName} exchange";
        _records = StateSerializers.Get<T>($"the records in flight through the {exchangeName} exchange (unaligned checkpoints store them)");
        _handle = job.Register(this, _name, null, task);
    }

    public JobRuntime Job { get; }

    /// <summary>What producers announce to this task.</summary>
    public BarrierAnnouncements Announcements { get; } = new();

    /// <summary>The <see cref="BarrierAnnouncements.Version"/> last looked at.</summary>
    public long SeenVersion { get; set; } = long.MinValue;

    /// <summary>The newest checkpoint this task took unaligned.</summary>
    public long Current { get; private set; } = long.MinValue;

    /// <summary>True while in-flight elements of <see cref="Current"/> are being captured.</summary>
    public bool IsCapturing => _captured is not null;

    /// <summary>The restored in-flight elements to process before any input, once; null when there are none.</summary>
    public List<(int Channel, StreamElement<T> Element)>? TakeRestored()
    {
        var restored = _restored;
        _restored = null;
        return restored;
    }

    /// <summary>
    /// Starts checkpoint <paramref name="checkpointId"/> unaligned (an older capture still under way is given up: its
    /// checkpoint is subsumed). Channels already <paramref name="ended"/> have nothing in flight.
    /// </summary>
    public void Start(long checkpointId, bool[] ended)
    {
        Current = checkpointId;
        _captured = [];
        _reached = (bool[])ended.Clone();
        _open = 0;
        foreach (var done in _reached)
        {
            _open += done ? 0 : 1;
        }
    }

    /// <summary>Gives up the capture under way (a savepoint, aligned, subsumes it).</summary>
    public void Abandon() => _captured = null;

    /// <summary>Keeps an element consumed after the snapshot that its channel sent before the barrier.</summary>
    public void Capture(int channel, in StreamElement<T> element)
    {
        if (!_reached[channel])
        {
            _captured!.Add((channel, element));
        }
    }

    /// <summary>True while <paramref name="channel"/> still has elements in flight to account for.</summary>
    public bool IsOpen(int channel) => _captured is not null && !_reached[channel];

    /// <summary>Where elements in flight are copied.</summary>
    public List<(int Channel, StreamElement<T> Element)> Captured => _captured!;

    /// <summary>Channel <paramref name="channel"/> is accounted for (its in-flight elements copied, its barrier arrived, or it ended); true when that was the last one (acknowledge then).</summary>
    public bool Reached(int channel)
    {
        if (_captured is null || _reached[channel])
        {
            return false;
        }

        _reached[channel] = true;
        return --_open == 0;
    }

    /// <summary>True when no channel has anything in flight for the capture just started.</summary>
    public bool AllReached => _captured is not null && _open == 0;

    /// <summary>Acknowledges <see cref="Current"/> with the captured elements as its state.</summary>
    public void AcknowledgeCapture()
    {
        _acknowledging = _captured;
        _captured = null;
        _handle.OnBarrier(Current);
    }

    /// <summary>Acknowledges a checkpoint taken aligned (a savepoint): nothing is in flight.</summary>
    public void AcknowledgeAligned(long checkpointId)
    {
        _acknowledging = null;
        _handle.OnBarrier(checkpointId);
    }

    /// <summary>Every input ended: checkpoints from now on do not wait for this task.</summary>
    public void Finish() => _handle.Finish();

    public PendingSnapshot Snapshot(long checkpointId)
    {
        var elements = _acknowledging;
        _acknowledging = null;
        if (elements is not { Count: > 0 })
        {
            return SnapshotPart.Empty;
        }

        var records = _records;
        return PendingSnapshot.Later(() => new SnapshotPart { OperatorState = ChannelState.Write(elements, records) });
    }

    public void Restore(OperatorSnapshot snapshot, TaskInfo task)
    {
        foreach (var state in snapshot.OperatorState)
        {
            if (state.Data.IsEmpty)
            {
                continue;
            }

            if (state.Parallelism != task.Parallelism)
            {
                throw new CheckpointRestoreException(
                    $"Checkpoint has records in flight through the {_name} (an unaligned checkpoint taken at parallelism {state.Parallelism}), which cannot be " +
                    $"restored at parallelism {task.Parallelism}. Rescale from a savepoint (always aligned) or from an aligned checkpoint.");
            }

            if (state.Subtask != task.Subtask)
            {
                continue;
            }

            var elements = ChannelState.Read(state.Data.Span, _records);
            foreach (var (channel, _) in elements)
            {
                if ((uint)channel >= (uint)_inputs)
                {
                    throw new CheckpointRestoreException(
                        $"Checkpoint has records in flight from input {channel} of the {_name}, which now has {_inputs} inputs: restore it into the same pipeline.");
                }
            }

            _restored = elements;
        }
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
    }
}
