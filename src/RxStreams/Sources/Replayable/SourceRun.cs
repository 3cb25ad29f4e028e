using System;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using RxStreams.Checkpoints;
using RxStreams.State;

namespace RxStreams.Ingestion;

/// <summary>
/// One subscription of a <see cref="ReplayableSource{T}"/>. In a job it reads in steps on the job's scheduler, so a
/// checkpoint (triggered on the same scheduler) always falls between two records: the position it writes and the
/// barrier it emits agree. A parallel source task of a job that runs on its own scheduler (none was given) reads on a
/// thread of its own instead, so partitions read in parallel, and its barriers are handed to that thread. Outside a job
/// it reads to the end at once.
/// </summary>
internal sealed class SourceRun<T> : ICheckpointSource, IDisposable
{
    private readonly ReplayableSource<T> _source;
    private readonly IObserver<T> _observer;
    private readonly SourceReader<T> _reader;
    private readonly IScheduler? _scheduler;
    private readonly IBarrierReceiver? _barriers;
    private readonly ParticipantHandle? _checkpoints;
    private readonly SerialDisposable _step = new();
    private readonly EventLoopScheduler? _ownThread;
    private readonly JobRuntime? _job;
    private readonly Testing.FaultInjector? _faults;
    private readonly bool _atMostOnce;
    private readonly int _subtask;
    private byte[]? _stepStart;
    private long _handed;
    private bool _done;
    private volatile bool _disposed;
    private bool _suspended;

    public SourceRun(ReplayableSource<T> source, IObserver<T> observer, SourceReader<T> reader, JobRuntime? job)
    {
        _source = source;
        _observer = observer;
        _reader = reader;
        if (job is null)
        {
            return;
        }

        _barriers = observer as IBarrierReceiver ?? throw new InvalidOperationException(
            $"Source '{source.Name}' in a checkpointed job must be read by WithEventTime directly, which carries its checkpoint barriers; a plain Rx operator in between cannot.");
        _scheduler = job.Scheduler;
        var task = JobRuntime.Task;
        if (job.SchedulerIsOwn && task.Parallelism > 1 && !task.KeyPartitioned)
        {
            _ownThread = new EventLoopScheduler(start => new System.Threading.Thread(start)
            {
                IsBackground = true,
                Name = $"source {source.Name} task {task.Subtask}",
            });
            _scheduler = _ownThread;
        }

        _checkpoints = job.Register(this, source.Name, source.Uid ?? source.Name);
        _job = job;
        _faults = job.Faults;
        _subtask = task.Subtask;
        _atMostOnce = job.Guarantee == DeliveryGuarantee.AtMostOnce;
        if (_atMostOnce && reader.IsReplayable && job.TryGetResumePosition(_checkpoints.Uid, _subtask, out var resume))
        {
            // At-most-once: on from where the failed attempt stopped, not from the checkpoint; nothing is read twice.
            var position = new StateReader(resume.StepStart);
            _reader.Seek(ref position);
            for (var i = 0L; i < resume.Handed && _reader.TryRead(out _); i++)
            {
            }
        }

        if (!reader.IsReplayable)
        {
            job.DeclareUnreplayable(source.Name);
        }
    }

    public void Start()
    {
        if (_scheduler is null)
        {
            Read(int.MaxValue, Scheduler.Default);
        }
        else if (_ownThread is not null)
        {
            // Only the source's thread sets the next step: set from here, it could replace a step that thread already
            // scheduled, and the source would stop. Disposing ends the thread (and every step) anyway.
            _ownThread.Schedule(Step);
        }
        else
        {
            _step.Disposable = _scheduler.Schedule(Step);
        }
    }

    public void EmitBarrier(long checkpointId, bool suspend)
    {
        if (_ownThread is not null)
        {
            // Between two steps of the source's own thread, as a step of the job's scheduler would be.
            _ownThread.Schedule(() => EmitBarrierHere(checkpointId, suspend));
            return;
        }

        EmitBarrierHere(checkpointId, suspend);
    }

    private void EmitBarrierHere(long checkpointId, bool suspend)
    {
        if (_done || _disposed)
        {
            return;
        }

        _checkpoints!.OnBarrier(checkpointId);
        _barriers!.OnBarrier(checkpointId);
        if (suspend)
        {
            // Stop-with-savepoint: the next step is cancelled; both run on the job's scheduler, so none is under way.
            _suspended = true;
            _step.Disposable = null;
        }
    }

    public void Resume()
    {
        if (_ownThread is not null)
        {
            _ownThread.Schedule(ResumeHere);
            return;
        }

        ResumeHere();
    }

    private void ResumeHere()
    {
        if (_suspended && !_done && !_disposed)
        {
            _suspended = false;
            _step.Disposable = _scheduler!.Schedule(Step);
        }
    }

    public PendingSnapshot Snapshot(long checkpointId) => new SnapshotPart { OperatorState = Position() };

    public void Restore(OperatorSnapshot snapshot, TaskInfo task)
    {
        if (_reader.RestoresFromAllTasks)
        {
            _reader.SeekAll(snapshot.OperatorState);
            return;
        }

        foreach (var state in snapshot.OperatorState)
        {
            if (state.Subtask == task.Subtask)
            {
                var reader = new StateReader(state.Data.Span);
                _reader.Seek(ref reader);
                return;
            }
        }
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
    }

    public void Dispose()
    {
        _disposed = true;
        _step.Dispose();
        if (_ownThread is { } thread)
        {
            // The reader belongs to the source's thread, which may be inside a step: it closes it, then ends.
            thread.Schedule(() =>
            {
                RecordResumePosition();
                _reader.Dispose();
                thread.Dispose();
            });
            return;
        }

        RecordResumePosition();
        _reader.Dispose();
    }

    /// <summary>At-most-once: leaves where this attempt stopped reading for the next one.</summary>
    private void RecordResumePosition()
    {
        if (_atMostOnce)
        {
            _job!.RecordResumePosition(_checkpoints!.Uid, _subtask, _stepStart ?? Position(), _stepStart is null ? 0 : _handed);
        }
    }

    private byte[] Position()
    {
        using var writer = new StateWriter(32);
        _reader.WritePosition(writer);
        return writer.ToArray();
    }

    private void Step() => Read(_source.Options.RecordsPerStep, _scheduler!);

    private void Read(int limit, IScheduler later)
    {
        var read = 0;
        var yielded = false;
        try
        {
            if (_atMostOnce)
            {
                _stepStart = Position();
                _handed = 0;
            }

            while (read < limit && !_disposed && !_suspended && _reader.TryRead(out var value))
            {
                read++;
                _faults?.BeforeRecord(_source.Name);
                if (_atMostOnce)
                {
                    _handed++;
                }

                _observer.OnNext(value);
                if (_scheduler is not null && Exchanges.Backpressure.TakeWaited())
                {
                    // An exchange made this thread wait: end the step, so a checkpoint due meanwhile starts now.
                    yielded = true;
                    break;
                }
            }

            if (_disposed)
            {
                return;
            }

            if (_reader.IsFinished)
            {
                // Finished before the observer hears it, so a checkpoint triggered from now on takes the final position.
                _done = true;
                _checkpoints?.Finish();
                _observer.OnCompleted();
                return;
            }
        }
        catch (Exception ex) when (!_disposed)
        {
            _done = true;
            _observer.OnError(new StreamOperatorException(_source.Name, null, null, $"Reading the source failed: {ex.Message}", ex));
            return;
        }

        if (_suspended)
        {
            return;
        }

        var pause = yielded || read == limit ? _source.Options.Pace : _source.Options.PollInterval;
        _step.Disposable = pause == TimeSpan.Zero ? later.Schedule(Step) : later.Schedule(pause, later == _scheduler ? Step : () => Read(limit, later));
    }
}
