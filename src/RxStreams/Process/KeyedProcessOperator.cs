using System;
using System.Collections.Generic;
using System.Linq;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Threading;
using RxStreams.Checkpoints;
using RxStreams.Keyed;
using RxStreams.Operators;
using RxStreams.State;

namespace RxStreams.Processing;

/// <summary>
/// Runs a <see cref="KeyedProcessFunction{TKey, TIn, TOut}"/>: keyed state in the job's state backend (the heap by default), event-time timers fired by the
/// watermark (before it is forwarded, results stamped with the timer's time), processing-time timers fired by the
/// scheduler. Without a scheduler the operator takes no lock; with one, the scheduler's callbacks and the source's
/// records take turns on a gate.
/// </summary>
internal sealed class KeyedProcessOperator<TKey, TIn, TOut> : StreamOperator<TIn, TOut>
    where TKey : notnull
{
    private readonly KeyedStream<TKey, TIn> _stream;
    private readonly Func<KeyedProcessFunction<TKey, TIn, TOut>> _factory;
    private readonly IScheduler? _scheduler;

    public KeyedProcessOperator(KeyedStream<TKey, TIn> stream, Func<KeyedProcessFunction<TKey, TIn, TOut>> factory, IScheduler? scheduler, string name)
        : base(stream.Source, name)
    {
        _stream = stream;
        _factory = factory;
        _scheduler = scheduler;
    }

    protected override OperatorSink<TIn, TOut> CreateSink(IObserver<StreamElement<TOut>> observer) => new Sink(this, observer);

    private sealed class Sink : KeyedOperatorSink<TKey, TIn, TOut>, ITimerService, IKeyedParticipant
    {
        private const string EventTimers = "t:event";
        private const string ProcessingTimers = "t:processing";

        private readonly KeyedProcessFunction<TKey, TIn, TOut> _function;
        private readonly KeyedStateBackend<TKey> _state;
        private readonly KeyedProcessContext<TKey, TOut> _context;
        private readonly KeyedTimerQueue<TKey> _eventTimers;
        private readonly KeyedTimerQueue<TKey> _processingTimers;
        private readonly IScheduler? _clock;
        private readonly OptionalGate _gate;
        private readonly SerialDisposable _wakeup = new();
        private long _wakeupTime = long.MaxValue;
        private long _watermark = long.MinValue;
        private readonly ParticipantHandle? _checkpoints;
        private readonly JobRuntime? _job;
        private bool _finished;
        private bool _ended;
        private bool _disposed;
        private SnapshotPart? _final;

        public Sink(KeyedProcessOperator<TKey, TIn, TOut> parent, IObserver<StreamElement<TOut>> observer)
            : base(parent._stream, observer, parent.Name)
        {
            _clock = parent._scheduler;
            var comparer = parent._stream.Comparer;
            var job = JobRuntime.Current;
            _state = (job?.StateBackend ?? StateBackend.Default).CreateKeyedStateBackend(comparer, Name, _clock, JobRuntime.Task);

            // A backend that closes with the subscription must not close under a record: the gate then always locks.
            _gate = new OptionalGate(_clock is null && !_state.ReleasesStateOnDispose ? null : new object());
            _eventTimers = new KeyedTimerQueue<TKey>(comparer);
            _processingTimers = new KeyedTimerQueue<TKey>(comparer);
            _context = new KeyedProcessContext<TKey, TOut>(observer, _clock, this);
            try
            {
                _function = ProcessFunctions.Create(parent._factory, Name);
                ProcessFunctions.Open(Name, () => _function.Open(new RuntimeContext(Name, _state)));
            }
            catch
            {
                _state.Dispose();
                throw;
            }

            _job = job;
            if (job is not null)
            {
                _state.PrepareForCheckpoints();
                _checkpoints = job.Register(this, Name, parent.Uid);
                ScheduleWakeup();
            }
        }

        public long CurrentWatermark => _watermark;

        public long CurrentProcessingTime => _context.CurrentProcessingTime;

        /// <summary>The state, for tests of cleanup.</summary>
        internal KeyedStateBackend<TKey> State => _state;

        public void RegisterEventTimeTimer(long time) => _eventTimers.Register(_state.CurrentKey, time);

        public void DeleteEventTimeTimer(long time) => _eventTimers.Delete(_state.CurrentKey, time);

        public void RegisterProcessingTimeTimer(long time)
        {
            if (_clock is null)
            {
                throw new InvalidOperationException(
                    $"Operator '{Name}' registers a processing-time timer without a clock: pass a scheduler to Process(...).");
            }

            if (_processingTimers.Register(_state.CurrentKey, time) && time < _wakeupTime)
            {
                ScheduleWakeup();
            }
        }

        public void DeleteProcessingTimeTimer(long time) => _processingTimers.Delete(_state.CurrentKey, time);

        public override void Dispose()
        {
            _wakeup.Dispose();
            base.Dispose();
            var taken = _gate.Enter();
            try
            {
                if (_disposed)
                {
                    return;
                }

                if (_ended && _final is null && _state.ReleasesStateOnDispose && _job?.HasUnfinishedParticipants == true)
                {
                    // The job goes on without this operator: its checkpoints take the final state, written before the backend closes.
                    _final = FinalSnapshot();
                }

                _finished = true;
                _disposed = true;
                _state.Dispose();
            }
            finally
            {
                _gate.Exit(taken);
            }
        }

        protected override object? BatchGate => _gate.Lock;

        protected override void OnRecord(TIn value, long timestamp)
        {
            if (!TryGetKey(value, timestamp, out var key))
            {
                return;
            }

            var taken = _gate.Enter();
            try
            {
                if (_finished)
                {
                    return;
                }

                if (_state.HasProcessingTimeTtl)
                {
                    _state.CleanUp(TimeDomain.ProcessingTime, _state.ProcessingTime());
                }

                _state.CurrentKey = key;
                _state.CurrentEventTime = _watermark == long.MinValue ? timestamp : Math.Max(timestamp, _watermark - 1);
                _context.Set(key, timestamp, null);
                try
                {
                    _function.ProcessElement(value, _context);
                }
                catch (Processing.DownstreamFailure failure)
                {
                    failure.Rethrow();
                }
                catch (Exception ex)
                {
                    Fail(ex, value, timestamp);
                }
            }
            finally
            {
                _gate.Exit(taken);
            }
        }

        protected override void OnControl(StreamElement<TIn> element)
        {
            if (element.Kind is not (ElementKind.Watermark or ElementKind.Barrier))
            {
                Downstream.OnNext(element.AsControl<TOut>());
                return;
            }

            var taken = _gate.Enter();
            try
            {
                if (_disposed)
                {
                    // The state is closed.
                    return;
                }

                if (element.Kind == ElementKind.Watermark)
                {
                    AdvanceWatermark(element.Timestamp);
                }
                else
                {
                    _checkpoints?.OnBarrier(element.Timestamp);
                    Downstream.OnNext(element.AsControl<TOut>());
                }
            }
            finally
            {
                _gate.Exit(taken);
            }
        }

        protected override void OnEnd()
        {
            var taken = _gate.Enter();
            try
            {
                // A bounded input ends event time, as Flink's sources emit the final watermark: every event-time timer
                // fires. Pending processing-time timers do not (as in Flink, whose timer service stops at end of input).
                AdvanceWatermark(Watermark.MaxValue);
                _finished = true;
                _ended = true;
                _wakeup.Dispose();
                _checkpoints?.Finish();
            }
            finally
            {
                _gate.Exit(taken);
            }
        }

        private void AdvanceWatermark(long watermark)
        {
            if (watermark <= _watermark)
            {
                return;
            }

            _watermark = watermark;
            _context.CurrentWatermark = watermark;

            // Exclusive watermark: it has passed every time below it.
            var passed = watermark - 1;
            while (!IsStopped && _eventTimers.TryDequeue(passed, out var key, out var time))
            {
                Fire(key, time, TimeDomain.EventTime);
            }

            if (IsStopped)
            {
                return;
            }

            if (_state.HasEventTimeTtl)
            {
                _state.CleanUp(TimeDomain.EventTime, passed);
            }

            Downstream.OnNext(StreamElement.Watermark<TOut>(watermark));
        }

        private void OnWakeup()
        {
            lock (_gate.Lock!)
            {
                if (_finished || IsStopped)
                {
                    return;
                }

                _wakeupTime = long.MaxValue;
                var now = _clock!.Now.ToUnixTimeMilliseconds();
                if (_state.HasProcessingTimeTtl)
                {
                    _state.CleanUp(TimeDomain.ProcessingTime, now);
                }

                while (!IsStopped && _processingTimers.TryDequeue(now, out var key, out var time))
                {
                    Fire(key, time, TimeDomain.ProcessingTime);
                }

                if (!IsStopped)
                {
                    ScheduleWakeup();
                }
            }
        }

        /// <summary>Schedules the wake-up for the earliest processing-time timer, unless one is due no later.</summary>
        private void ScheduleWakeup()
        {
            if (_clock is not null && _processingTimers.TryPeekTime(out var next) && next < _wakeupTime)
            {
                _wakeupTime = next;
                _wakeup.Disposable = _clock.Schedule(EventTime.ToDateTimeOffset(next), OnWakeup);
            }
        }

        public PendingSnapshot Snapshot(long checkpointId)
        {
            if (_final is { } final)
            {
                return final;
            }

            if (_ended && _state.ReleasesStateOnDispose)
            {
                // After the input ended, checkpoints come from the job's scheduler: the final state, taken under the gate
                // (the subscription may be ending on another thread and closing the backend).
                var taken = _gate.Enter();
                try
                {
                    if (_final is null && _disposed)
                    {
                        _job!.Decline(checkpointId, $"operator '{Name}' ended and closed its state backend");
                        return SnapshotPart.Empty;
                    }

                    return _final ??= FinalSnapshot();
                }
                finally
                {
                    _gate.Exit(taken);
                }
            }

            return Capture(checkpointId);
        }

        private PendingSnapshot Capture(long checkpointId)
        {
            // Synchronous part: copy what later records change; the rest (hashing keys into groups, serializing) runs later.
            // Savepoints (and the final state after the input ended) are always canonical key groups.
            var watermark = _watermark;
            var part = new SnapshotPart { OperatorState = OperatorWatermark.Write(watermark) };
            var native = checkpointId < 0 || _job?.IsSavepoint(checkpointId) != false ? null : _state.CaptureNative(checkpointId);
            List<ICapturedTable<TKey>> captured;
            if (native is null)
            {
                captured = _state.Capture(part.Schema);
            }
            else
            {
                _state.WriteSchema(part.Schema);
                captured = [];
            }

            captured.Add(_eventTimers.Capture(EventTimers));
            captured.Add(_processingTimers.Capture(ProcessingTimers));
            var writer = _state.CreateWriter();
            return PendingSnapshot.Later(() =>
            {
                foreach (var table in captured)
                {
                    table.Write(writer);
                }

                part.KeyGroups.AddRange(writer.Finish());
                if (native is not null)
                {
                    part.OperatorState = NativeStateHandle.Write(watermark, native.Backend, native.Complete(part.SharedFiles));
                }

                return part;
            });
        }

        /// <summary>A full canonical snapshot, taken at once.</summary>
        private SnapshotPart FinalSnapshot()
        {
            var pending = Capture(-1);
            return pending.Done ?? pending.Rest!();
        }

        public void Restore(OperatorSnapshot snapshot, TaskInfo task)
        {
            _state.CheckSchema(snapshot.Schema, snapshot.Uid);
            var native = !_state.Migrates && _state.TryRestoreNatively(snapshot, task);
            var keys = _state.KeySerializer;
            var groups = snapshot.KeyedState;
            if (!native && NativeStateHandle.Any(snapshot))
            {
                // Another backend's files (an incremental RocksDB checkpoint into the heap): read back as canonical key groups.
                NativeStateHandle.TryRead(snapshot.OperatorState.First(s => NativeStateHandle.TryRead(s, out _, out _)), out var backend, out _);
                groups = [.. groups, .. NativeStateReaders.For(backend, snapshot).ReadKeyGroups(snapshot, task, keys)];
            }

            foreach (var group in groups)
            {
                if (!task.OwnsKeyGroup(group.KeyGroup))
                {
                    continue;
                }

                var reader = new StateReader(group.Data.Span);
                while (KeyGroupReader.NextSection(ref reader) is { } section)
                {
                    if (section.StartsWith(KeyedStateBackend<TKey>.StateSection, StringComparison.Ordinal))
                    {
                        if (native)
                        {
                            throw new CheckpointRestoreException($"Operator '{Name}' (uid '{snapshot.Uid}') has state section '{section}' in key group {group.KeyGroup} of a checkpoint whose keyed state is in backend files.");
                        }

                        _state.TryReadSection(section, group.KeyGroup, ref reader);
                        continue;
                    }

                    var timers = section switch
                    {
                        EventTimers => _eventTimers,
                        ProcessingTimers => _processingTimers,
                        _ => throw new CheckpointRestoreException($"Operator '{Name}' (uid '{snapshot.Uid}') does not know the section '{section}' of key group {group.KeyGroup}."),
                    };
                    timers.ReadSection(ref reader, keys);
                }
            }

            _state.EndRestore();
            _watermark = OperatorWatermark.Read(snapshot, task);
            _context.CurrentWatermark = _watermark;
        }

        public void NotifyCheckpointComplete(long checkpointId) => _state.NotifyCheckpointComplete(checkpointId);

        private void Fire(TKey key, long time, TimeDomain domain)
        {
            // A processing-time timer's results are stamped with the watermark, so they are never late downstream.
            var timestamp = domain == TimeDomain.EventTime ? time : _watermark;
            _state.CurrentKey = key;
            _state.CurrentEventTime = domain == TimeDomain.EventTime || _watermark == long.MinValue ? timestamp : _watermark - 1;
            _context.Set(key, timestamp, domain);
            try
            {
                _function.OnTimer(time, _context);
            }
            catch (Processing.DownstreamFailure failure)
            {
                failure.Rethrow();
            }
            catch (Exception ex)
            {
                Fail(ex, new FiredTimer<TKey>(key, time, domain), timestamp);
            }
        }

    }
}
