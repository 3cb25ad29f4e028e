using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Runtime.CompilerServices;
using System.Threading;
using RxStreams.Checkpoints;
using RxStreams.State;

namespace RxStreams.Sinks;

/// <summary>
/// One subscription of a sink: buffers records into batches (written when full, when the latency bound expires, at a
/// barrier and at the end), and in a checkpointed job takes part in checkpoints for a transactional writer. The
/// writer is called under one lock, because a batch due by latency and a checkpoint's completion notice come on the
/// scheduler's thread while records come on the task's; records are written on the thread that delivers them, so a
/// slow external system holds the pipeline back. Downstream calls are made outside that lock (under a second one that
/// no thread waits for while it holds the first): in a parallel job the job's thread, which commits, is also the one
/// that drains the tasks' output, and a task blocked on a full output must not hold it back.
/// </summary>
internal sealed class SinkRun<T> : IObserver<StreamElement<T>>, ICheckpointParticipant, IDisposable
{
    private readonly SinkOperator<T> _operator;
    private readonly IObserver<StreamElement<T>> _downstream;
    private readonly object _gate = new();
    private readonly object _emit = new();
    private readonly SingleAssignmentDisposable _upstream = new();
    private readonly SerialDisposable _timer = new();
    private readonly List<ReadOnlyMemory<byte>> _restored = [];
    private readonly JobRuntime? _job;
    private readonly TaskInfo _task;
    private readonly SinkOptions _options;
    private readonly T[] _buffer;
    private SinkContext? _context;
    private SinkWriter<T>? _writer;
    private ParticipantHandle? _checkpoints;
    private IScheduler? _scheduler;
    private int _count;
    private bool _ending;
    private bool _stopped;

    // The end to tell downstream (an exception, or Completed), set once; delivered outside _gate by whichever thread
    // can take _emit, so no thread waits on another's downstream call while holding the writer's lock.
    private object? _terminal;
    private bool _delivered;

    public SinkRun(SinkOperator<T> sinkOperator, IObserver<StreamElement<T>> downstream)
    {
        _operator = sinkOperator;
        _downstream = downstream;
        _job = JobRuntime.Current;
        _task = JobRuntime.Task;
        _options = sinkOperator.Sink.Options;
        _buffer = new T[_options.BatchSize];
    }

    private string SinkName => _operator.Sink.Name;

    public void Start(IObservable<StreamElement<T>> source)
    {
        lock (_gate)
        {
            _scheduler = _options.Scheduler ?? _job?.Scheduler ?? DefaultScheduler.Instance;
            try
            {
                var uid = _operator.Uid ?? SinkName;
                if (_job is not null)
                {
                    // Registered first, so a transactional writer gets its checkpointed uid (derived ones count per task).
                    _checkpoints = _job.Register(this, SinkName, _operator.Uid);
                    _job.DeclareSink(SinkName, _operator.Sink.Guarantee);
                    uid = _checkpoints.Uid;
                }

                _context = new SinkContext(SinkName, uid, _task.Subtask, _task.Parallelism, _job is not null, _scheduler);
                _writer = _operator.Sink.CreateWriter(_context)
                    ?? throw new InvalidOperationException($"{_operator.Sink.GetType().Name}.CreateWriter returned null.");
                _writer.Recover(_restored);
                _restored.Clear();
            }
            catch (CheckpointRestoreException)
            {
                throw;
            }
            catch (Exception ex)
            {
                Fail(Wrap(ex, "starting"));
            }
        }

        if (_stopped)
        {
            Deliver();
            return;
        }

        _upstream.Disposable = source.Subscribe(this);
    }

    public void OnNext(StreamElement<T> value)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            if (value.Kind == ElementKind.Record)
            {
                _buffer[_count++] = value.Value;
                if (_count == _buffer.Length)
                {
                    WriteBatch();
                }
                else if (_count == 1 && _options.HasLatencyBound)
                {
                    _timer.Disposable = _scheduler!.Schedule(this, _options.BatchLatency, static (_, self) =>
                    {
                        self.BatchDue();
                        return Disposable.Empty;
                    });
                }

                if (!_stopped)
                {
                    return;
                }
            }
            else if (value.Kind == ElementKind.Barrier && WriteBatch())
            {
                if (_checkpoints is not null)
                {
                    _checkpoints.OnBarrier(value.Timestamp);
                }
                else
                {
                    Try(static w => w.Flush(), "flushing at a barrier");
                }
            }
        }

        Emit(value);
    }

    public void OnError(Exception error)
    {
        lock (_gate)
        {
            // What is buffered is not written: the job restarts from its last checkpoint, or outside one the stream failed.
            Fail(error);
        }

        Deliver();
    }

    public void OnCompleted()
    {
        lock (_gate)
        {
            if (!_stopped && WriteBatch())
            {
                if (_writer!.IsTransactional && _job is not null)
                {
                    // Flink's final checkpoint: the last transaction commits with the next checkpoint, then the stream ends.
                    _ending = true;
                    _checkpoints!.Finish();
                    if (!_writer.HasUncommitted)
                    {
                        Complete();
                    }
                }
                else if (Try(static w => w.EndOfInput(), "finishing at the end of the input"))
                {
                    _checkpoints?.Finish();
                    Complete();
                }
            }
        }

        Deliver();
    }

    public PendingSnapshot Snapshot(long checkpointId)
    {
        PendingSnapshot result;
        lock (_gate)
        {
            result = SnapshotHere(checkpointId);
        }

        Deliver();
        return result;
    }

    private SnapshotPart SnapshotHere(long checkpointId)
    {
        if (_stopped)
        {
            if (Volatile.Read(ref _terminal) is Exception)
            {
                // Failed (perhaps before it could recover what it restored): its state must not be taken for empty.
                _job?.Decline(checkpointId, $"sink '{SinkName}' failed");
            }

            return SnapshotPart.Empty;
        }

        using var state = new StateWriter(64);
        try
        {
            _writer!.SnapshotState(checkpointId, state);
        }
        catch (Exception ex)
        {
            // Acknowledged without the transaction, the checkpoint would drop the records before its barrier.
            _job!.Decline(checkpointId, $"sink '{SinkName}' failed to pre-commit: {ex.Message}");
            Fail(Wrap(ex, "pre-committing"));
            return SnapshotPart.Empty;
        }

        return new SnapshotPart { OperatorState = state.ToArray() };
    }

    public void Restore(OperatorSnapshot snapshot, TaskInfo task)
    {
        foreach (var state in snapshot.OperatorState)
        {
            // Subtask s of p takes over old subtask j when j mod p = s (SinkContext.ClaimsSubtask): nothing is left unclaimed.
            if (state.Subtask % task.Parallelism == task.Subtask)
            {
                _restored.Add(state.Data);
            }
        }
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
        lock (_gate)
        {
            if (!_stopped && _writer!.IsTransactional
                && Try(w => w.CheckpointComplete(checkpointId), "committing")
                && _ending && !_writer.HasUncommitted)
            {
                Complete();
            }
        }

        Deliver();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            _delivered = true;
            Release();
        }

        _upstream.Dispose();
    }

    private void BatchDue()
    {
        lock (_gate)
        {
            if (!_stopped)
            {
                WriteBatch();
            }
        }

        Deliver();
    }

    /// <summary>Passes a control element on, unless the stream ended.</summary>
    private void Emit(StreamElement<T> value)
    {
        lock (_emit)
        {
            if (!_delivered && Volatile.Read(ref _terminal) is null)
            {
                _downstream.OnNext(value);
            }
        }

        Deliver();
    }

    /// <summary>
    /// Tells downstream how the stream ended, once, if it did: from a thread that holds neither lock, and only if no
    /// other thread is calling downstream (that one delivers it when it is done).
    /// </summary>
    private void Deliver()
    {
        if (Volatile.Read(ref _terminal) is null || Monitor.IsEntered(_gate))
        {
            return;
        }

        object? terminal = null;
        if (Monitor.TryEnter(_emit))
        {
            try
            {
                if (!_delivered)
                {
                    _delivered = true;
                    terminal = _terminal;
                }
            }
            finally
            {
                Monitor.Exit(_emit);
            }
        }

        if (terminal is null)
        {
            return;
        }

        _upstream.Dispose();
        if (terminal is Exception error)
        {
            _downstream.OnError(error);
        }
        else
        {
            _downstream.OnCompleted();
        }
    }

    /// <summary>Writes the buffered records, if any; false when that failed the stream.</summary>
    private bool WriteBatch()
    {
        _timer.Disposable = null;
        if (_count == 0)
        {
            return true;
        }

        var count = _count;
        _count = 0;
        try
        {
            _writer!.Write(new ReadOnlySpan<T>(_buffer, 0, count));
        }
        catch (Exception ex)
        {
            Fail(Wrap(ex, $"writing a batch of {count} records"));
            return false;
        }
        finally
        {
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            {
                Array.Clear(_buffer, 0, count);
            }
        }

        return true;
    }

    private bool Try(Action<SinkWriter<T>> action, string doing)
    {
        try
        {
            action(_writer!);
            return true;
        }
        catch (Exception ex)
        {
            Fail(Wrap(ex, doing));
            return false;
        }
    }

    private Exception Wrap(Exception error, string doing) =>
        error as SinkException ?? new SinkException(_context, $"{(_context is null ? $"Sink '{SinkName}': " : "")}{doing} failed: {error.Message}", error);

    private void Fail(Exception error)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Release();
        Interlocked.CompareExchange(ref _terminal, error, null);
    }

    private void Complete()
    {
        _stopped = true;
        Release();
        Interlocked.CompareExchange(ref _terminal, Completed, null);
    }

    private static readonly object Completed = new();

    private void Release()
    {
        _timer.Dispose();
        var writer = _writer;
        _writer = null;
        _count = 0;
        writer?.Dispose();
    }
}
