using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Threading.Tasks;
using RxStreams.State;

namespace RxStreams.Checkpoints;

/// <summary>
/// One subscription of a <see cref="StreamJob{T}"/>: attempts one after another, each a fresh subscription of the
/// pipeline with a <see cref="JobRuntime"/>; checkpoints triggered every interval on the job's scheduler, stored when
/// every participant acknowledged them, and announced to the participants once durable.
/// </summary>
internal sealed class JobRun<T> : IDisposable
{
    private readonly StreamJob<T> _job;
    private readonly IObserver<StreamElement<T>> _observer;
    private readonly CheckpointOptions _options;
    private readonly IScheduler _scheduler;
    private readonly EventLoopScheduler? _ownScheduler;
    private readonly SerialDisposable _attempt = new();
    private readonly SerialDisposable _trigger = new();
    private readonly CheckpointInstruments _instruments;

    /// <summary>This run's instruments.</summary>
    internal CheckpointInstruments Instruments => _instruments;
    private readonly object _gate = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, long> _pendingStarts = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, Task> _storing = new();
    private readonly System.Reactive.Disposables.CompositeDisposable _timeouts = [];
    private CheckpointSnapshot? _initial;
    private DateTimeOffset? _lastCompletedAt;
    private SavepointRequest? _savepoint;
    private JobRuntime? _runtime;
    private JobRuntime? _previous;
    private long _nextCheckpointId = 1;
    private int _schedulerThread = -1;
    private int _restarts;
    private bool _stopped;

    public JobRun(StreamJob<T> job, IObserver<StreamElement<T>> observer)
    {
        _job = job;
        _observer = observer;
        _options = job.Options;
        _instruments = new CheckpointInstruments(() => job.Checkpoints);
        if (_options.Scheduler is { } scheduler)
        {
            _scheduler = scheduler;
        }
        else
        {
            _ownScheduler = new EventLoopScheduler(start => new System.Threading.Thread(start) { IsBackground = true, Name = "RxStreams job" });
            _scheduler = _ownScheduler;
        }
    }

    private CheckpointStatistics Statistics => _job.Checkpoints;

    public void Start() => _scheduler.Schedule(() =>
    {
        System.Threading.Volatile.Write(ref _schedulerThread, Environment.CurrentManagedThreadId);
        try
        {
            _initial = _options.RestoreFrom ?? (_options.ResumeFromLatest ? _options.Storage.LoadLatest() : null);
            foreach (var id in _options.Storage.CompletedCheckpointIds)
            {
                _nextCheckpointId = Math.Max(_nextCheckpointId, id + 1);
            }
        }
        catch (Exception ex)
        {
            Stop(ex);
            return;
        }

        StartAttempt(_initial);
    });

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            _runtime = null;
        }

        _trigger.Dispose();
        _attempt.Dispose();
        _timeouts.Dispose();
        _instruments.Dispose();
        _ownScheduler?.Dispose();
    }

    private void StartAttempt(CheckpointSnapshot? restored)
    {
        if (restored is not null)
        {
            _nextCheckpointId = Math.Max(_nextCheckpointId, restored.CheckpointId + 1);
        }

        JobRuntime? runtime = null;
        _options.Faults?.OnAttempt();
        var resume = new Dictionary<(string Uid, int Subtask), (byte[] StepStart, long Handed)>();
        if (_previous is { } previous && _options.Guarantee == DeliveryGuarantee.AtMostOnce)
        {
            lock (previous.ResumePositions)
            {
                foreach (var (source, position) in previous.ResumePositions)
                {
                    resume[source] = position;
                }
            }
        }

        runtime = new JobRuntime(
            _scheduler,
            restored,
            _options.EffectiveMode,
            _options.AllowNonRestoredState,
            _options.AsynchronousSnapshots,
            (id, parts) => OnSchedulerThread(() => OnAcknowledged(runtime!, id, parts)),
            (id, error) => OnSchedulerThread(() =>
            {
                if (_pendingStarts.TryRemove(id, out _))
                {
                    Statistics.OnFailed(error);
                }

                if (_savepoint is { } savepoint && savepoint.Id == id)
                {
                    // A declined savepoint does not stop the job: its sources read on.
                    _savepoint = null;
                    savepoint.Done.TrySetException(error);
                    if (IsCurrent(runtime!))
                    {
                        runtime!.ResumeSources();
                    }
                }
            }))
        {
            AlignmentCapacity = _options.MaxAlignmentBuffer,
            Unaligned = _options.Unaligned,
            SchedulerIsOwn = _ownScheduler is not null,
            StateBackend = _options.StateBackend,
            Guarantee = _options.Guarantee,
            ResumePositions = resume,
            Faults = _options.Faults,
        };
        _previous = runtime;
        var subscription = new SingleAssignmentDisposable();
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _runtime = runtime;
            _attempt.Disposable = subscription;
        }

        Statistics.OnAttempt(restored?.CheckpointId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using (JobRuntime.Activate(runtime))
            {
                var pipeline = _job.Pipeline() ?? throw new InvalidOperationException("The job's pipeline function returned null.");
                PipelineCheck.ThrowIfUncheckpointable(pipeline);
                var observer = new AttemptObserver(this, runtime);
                subscription.Disposable = pipeline.Subscribe(observer);
                runtime.Seal(complete: !observer.Ended);
                GuaranteeCheck.ThrowIfUnmet(_options.Guarantee, runtime, pipeline);
            }

            Statistics.UnreplayableSources = runtime.UnreplayableSources;
            Statistics.UncheckpointedParts = runtime.UncheckpointedParts;
            Statistics.OnRestored(restored is null ? TimeSpan.Zero : Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex)
        {
            Failed(runtime, ex);
            return;
        }

        ScheduleTrigger(runtime);
    }

    /// <summary>
    /// Runs <paramref name="action"/> now when called from the scheduler's own work (a synchronous acknowledgement),
    /// else schedules it: parallel tasks and asynchronous snapshots acknowledge on their own threads, and the run's
    /// bookkeeping stays on its scheduler.
    /// </summary>
    private void OnSchedulerThread(Action action)
    {
        if (Environment.CurrentManagedThreadId == System.Threading.Volatile.Read(ref _schedulerThread))
        {
            action();
        }
        else
        {
            _scheduler.Schedule(action);
        }
    }

    private void ScheduleTrigger(JobRuntime runtime) =>
        _trigger.Disposable = _scheduler.Schedule(_options.Interval, () =>
        {
            System.Threading.Volatile.Write(ref _schedulerThread, Environment.CurrentManagedThreadId);
            if (!IsCurrent(runtime))
            {
                return;
            }

            if (_pendingStarts.Count < _options.MaxConcurrentCheckpoints
                && (_lastCompletedAt is not { } last || _scheduler.Now - last >= _options.MinPauseBetweenCheckpoints))
            {
                var id = _nextCheckpointId++;
                var started = Stopwatch.GetTimestamp();
                _pendingStarts[id] = started;
                _timeouts.Add(_scheduler.Schedule(_options.Timeout, () => TimedOut(runtime, id)));
                runtime.Trigger(id);
                Statistics.OnPause(Stopwatch.GetElapsedTime(started));
                if (_options.Faults?.AtBarrier(id) == true)
                {
                    Failed(runtime, new Testing.InjectedFailureException($"Injected failure at the barrier of checkpoint {id}."));
                    return;
                }
            }

            if (IsCurrent(runtime))
            {
                ScheduleTrigger(runtime);
            }
        });

    private void OnAcknowledged(JobRuntime runtime, long checkpointId, IReadOnlyList<(ParticipantHandle Handle, SnapshotPart Part)> parts)
    {
        if (!IsCurrent(runtime))
        {
            // Acknowledged by an attempt that failed meanwhile: stored now, it could become the latest checkpoint after
            // the next attempt restored an older one and rolled back this one's pre-committed transactions.
            return;
        }

        // The parallel tasks of one operator share its uid: their key groups are disjoint, their own states kept per task.
        var byUid = new Dictionary<string, (string Name, List<KeyGroupState> Groups, List<SubtaskState> Subtasks, Dictionary<string, string> Schema)>(StringComparer.Ordinal);
        long size = 0;
        var shared = new Dictionary<string, SharedStateFile>(StringComparer.Ordinal);
        foreach (var (handle, part) in parts)
        {
            foreach (var file in part.SharedFiles)
            {
                shared[file.Key] = file;
                size += file.Data.Length;
            }

            if (!byUid.TryGetValue(handle.Uid, out var merged))
            {
                merged = (handle.OperatorName, [], [], part.Schema);
                byUid.Add(handle.Uid, merged);
            }

            merged.Groups.AddRange(part.KeyGroups);
            if (!part.OperatorState.IsEmpty)
            {
                merged.Subtasks.Add(new SubtaskState(handle.Task.Subtask, handle.Task.Parallelism, part.OperatorState));
            }

            size += part.OperatorState.Length;
            foreach (var group in part.KeyGroups)
            {
                size += group.Data.Length;
            }
        }

        var operators = new List<OperatorSnapshot>(byUid.Count);
        foreach (var (uid, merged) in byUid)
        {
            operators.Add(new OperatorSnapshot(uid, merged.Name, merged.Groups, merged.Subtasks, merged.Schema));
        }

        var savepoint = _savepoint is { } pending && pending.Id == checkpointId ? pending : null;
        var snapshot = new CheckpointSnapshot(checkpointId, _scheduler.Now, operators, isSavepoint: savepoint is not null, sharedFiles: shared.Values);
        var started = _pendingStarts.TryGetValue(checkpointId, out var s) ? s : Stopwatch.GetTimestamp();
        var storage = savepoint?.Target ?? _options.Storage;
        void Store(CheckpointSnapshot snapshot) => storage.Store(snapshot);
        if (_options.AsynchronousSnapshots)
        {
            var storing = Task.Run(() => Store(snapshot));
            _storing[checkpointId] = storing;
            storing.ContinueWith(
                stored =>
                {
                    _storing.TryRemove(checkpointId, out _);
                    _scheduler.Schedule(() => Completed(runtime, snapshot, size, started, stored.Exception?.GetBaseException()));
                },
                TaskScheduler.Default);
        }
        else
        {
            Exception? error = null;
            try
            {
                Store(snapshot);
            }
            catch (Exception ex)
            {
                error = ex;
            }

            Completed(runtime, snapshot, size, started, error);
        }
    }

    private void TimedOut(JobRuntime runtime, long checkpointId)
    {
        if (_pendingStarts.TryRemove(checkpointId, out _))
        {
            runtime.Abort(checkpointId);
            Statistics.OnFailed(new TimeoutException(
                $"Checkpoint {checkpointId} did not complete within {_options.Timeout} and was aborted (an operator did not acknowledge it, or storing it took too long)."));
        }
    }

    private void Completed(JobRuntime runtime, CheckpointSnapshot snapshot, long size, long started, Exception? error)
    {
        if (!_pendingStarts.TryRemove(snapshot.CheckpointId, out _) && error is null)
        {
            // It timed out meanwhile: already counted as failed, and not announced (the storage may still keep it).
            return;
        }

        _lastCompletedAt = _scheduler.Now;
        var savepoint = snapshot.IsSavepoint || (error is not null && _savepoint?.Id == snapshot.CheckpointId) ? _savepoint : null;
        if (error is not null)
        {
            Statistics.OnFailed(error);
            if (savepoint is not null)
            {
                // The job was not stopped: it reads on, and checkpoints carry on.
                _savepoint = null;
                savepoint.Done.TrySetException(error);
                if (IsCurrent(runtime))
                {
                    runtime.ResumeSources();
                }
            }

            return;
        }

        Statistics.OnCompleted(snapshot.CheckpointId, size, Stopwatch.GetElapsedTime(started), runtime.TakeAlignment(snapshot.CheckpointId));
        if (IsCurrent(runtime) && savepoint is null && _options.Faults?.BeforeCommit(snapshot.CheckpointId) == true)
        {
            // Stored but not announced: sinks hold pre-committed transactions that only the restore can commit.
            Failed(runtime, new Testing.InjectedFailureException($"Injected failure after checkpoint {snapshot.CheckpointId} was stored, before it was announced."));
            return;
        }

        if (IsCurrent(runtime))
        {
            runtime.NotifyComplete(snapshot.CheckpointId);
        }

        if (savepoint is not null)
        {
            // Stop-with-savepoint: the job ends here, as if its input had; a later job resumes from the savepoint.
            _savepoint = null;
            Finished(runtime);
            savepoint.Done.TrySetResult(snapshot);
        }
    }

    /// <summary>Takes a savepoint into <paramref name="target"/> (the job's storage when null), then stops the job.</summary>
    public Task<CheckpointSnapshot> StopWithSavepoint(ICheckpointStorage? target)
    {
        var request = new SavepointRequest(target ?? _options.Storage);
        _scheduler.Schedule(() =>
        {
            System.Threading.Volatile.Write(ref _schedulerThread, Environment.CurrentManagedThreadId);
            var runtime = System.Threading.Volatile.Read(ref _runtime);
            if (runtime is null || _savepoint is not null)
            {
                request.Done.TrySetException(new InvalidOperationException(
                    runtime is null ? "The job is not running: it finished, failed, or is between attempts." : "A savepoint is already being taken."));
                return;
            }

            request.Id = _nextCheckpointId++;
            _savepoint = request;
            _pendingStarts[request.Id] = Stopwatch.GetTimestamp();
            runtime.Trigger(request.Id, suspendSources: true);
        });
        return request.Done.Task;
    }

    private sealed class SavepointRequest(ICheckpointStorage target)
    {
        public ICheckpointStorage Target { get; } = target;

        public long Id { get; set; } = -1;

        public TaskCompletionSource<CheckpointSnapshot> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    // Lock-free: read for every output element. A stopped run has no runtime.
    private bool IsCurrent(JobRuntime runtime) => ReferenceEquals(System.Threading.Volatile.Read(ref _runtime), runtime);

    private void Failed(JobRuntime runtime, Exception error)
    {
        lock (_gate)
        {
            if (_stopped || !ReferenceEquals(_runtime, runtime))
            {
                return;
            }

            _runtime = null;
        }

        _trigger.Disposable = null;
        _attempt.Disposable = null;

        // The failed attempt's checkpoints in flight will never complete: left pending, they would hold the next
        // attempt's checkpoints back (MaxConcurrentCheckpoints) until their timeout.
        foreach (var id in _pendingStarts.Keys)
        {
            if (_pendingStarts.TryRemove(id, out _))
            {
                Statistics.OnFailed(new InvalidOperationException($"Checkpoint {id} was abandoned: its attempt failed ({error.Message})."));
            }
        }

        // A checkpoint that does not fit the job, or a state type without a serializer, fails the same way every time.
        var delay = error is CheckpointRestoreException or StateSerializationException or DeliveryGuaranteeException ? null : _options.RestartStrategy.DelayBefore(++_restarts);
        if (delay is null)
        {
            Stop(error);
            return;
        }

        Statistics.OnRestart();
        _trigger.Disposable = _scheduler.Schedule(delay.Value, () =>
        {
            CheckpointSnapshot? latest;
            try
            {
                // A checkpoint still being stored may become the latest: restore from it, not from the one before it
                // (whose restore would roll back its transactions, which it would then claim were made).
                WaitForStores();
                latest = Latest();
            }
            catch (Exception ex)
            {
                Stop(ex);
                return;
            }

            // At-most-once: no state comes back (it would emit again what was emitted after the checkpoint); the
            // sources go on from where they stopped, so no record is processed twice.
            StartAttempt(_options.Guarantee == DeliveryGuarantee.AtMostOnce ? null : latest);
        });
    }

    private void WaitForStores()
    {
        foreach (var storing in _storing.Values)
        {
            try
            {
                storing.Wait();
            }
            catch (AggregateException)
            {
                // A store that failed left no checkpoint to restore; Completed counts it.
            }
        }
    }

    /// <summary>The newest of the storage's latest checkpoint and the one the job started from.</summary>
    private CheckpointSnapshot? Latest()
    {
        var stored = _options.Storage.LoadLatest();
        return stored is null || (_initial is not null && _initial.CheckpointId > stored.CheckpointId) ? _initial : stored;
    }

    private void Stop(Exception error)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _runtime = null;
        }

        _trigger.Dispose();
        _attempt.Dispose();
        _observer.OnError(error);
    }

    private void Finished(JobRuntime runtime)
    {
        lock (_gate)
        {
            if (_stopped || !ReferenceEquals(_runtime, runtime))
            {
                return;
            }

            _stopped = true;
            _runtime = null;
        }

        _trigger.Dispose();
        _attempt.Dispose();
        _observer.OnCompleted();
    }

    private sealed class AttemptObserver(JobRun<T> run, JobRuntime runtime) : IObserver<StreamElement<T>>
    {
        private volatile bool _ended;

        /// <summary>True once the attempt's pipeline ended (its end is handled on the job's scheduler).</summary>
        public bool Ended => _ended;

        public void OnNext(StreamElement<T> value)
        {
            if (value.Kind != ElementKind.Barrier && run.IsCurrent(runtime))
            {
                if (value.Kind == ElementKind.Record && runtime.Guarantee == DeliveryGuarantee.EndToEndExactlyOnce)
                {
                    // Found at start where the graph shows it; a parallel pipeline's tasks are checked here.
                    run._scheduler.Schedule(() => run.Failed(runtime, GuaranteeCheck.RecordReachedObserver()));
                    return;
                }

                run._observer.OnNext(value);
            }
        }

        public void OnError(Exception error)
        {
            _ended = true;
            run._scheduler.Schedule(() => run.Failed(runtime, error));
        }

        public void OnCompleted()
        {
            _ended = true;
            run._scheduler.Schedule(() => run.Finished(runtime));
        }
    }
}
