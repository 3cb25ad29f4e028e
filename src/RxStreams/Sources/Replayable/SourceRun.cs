using System;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using RxStreams.Checkpoints;
using RxStreams.State;

namespace RxStreams.Ingestion;

/// <summary>
/// One subscription of a <see cref="ReplayableSource{T}"/>. In a job it reads in steps on the job's scheduler, so a
/// checkpoint (triggered on the same scheduler) always falls between two records: the position it writes and the
/// barrier it emits agree. Outside a job it reads to the end at once.
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
    private bool _done;
    private bool _disposed;
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
        _checkpoints = job.Register(this, source.Name, source.Uid ?? source.Name);
    }

    public void Start()
    {
        if (_scheduler is null)
        {
            Read(int.MaxValue, Scheduler.Default);
        }
        else
        {
            _step.Disposable = _scheduler.Schedule(Step);
        }
    }

    public void EmitBarrier(long checkpointId, bool suspend)
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
        if (_suspended && !_done && !_disposed)
        {
            _suspended = false;
            _step.Disposable = _scheduler!.Schedule(Step);
        }
    }

    public PendingSnapshot Snapshot(long checkpointId)
    {
        using var writer = new StateWriter(32);
        _reader.WritePosition(writer);
        return new SnapshotPart { OperatorState = writer.ToArray() };
    }

    public void Restore(OperatorSnapshot snapshot, TaskInfo task)
    {
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
        _reader.Dispose();
    }

    private void Step() => Read(_source.Options.RecordsPerStep, _scheduler!);

    private void Read(int limit, IScheduler later)
    {
        var read = 0;
        var yielded = false;
        try
        {
            while (read < limit && !_disposed && _reader.TryRead(out var value))
            {
                read++;
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
