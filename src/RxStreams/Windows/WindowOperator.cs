using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Runtime.InteropServices;
using System.Threading;
using RxStreams.Checkpoints;
using RxStreams.Keyed;
using RxStreams.Operators;
using RxStreams.Windows.Functions;
using RxStreams.Windows.Triggers;

namespace RxStreams.Windows;

/// <summary>
/// The one window operator behind every window kind (Flink's <c>WindowOperator</c>): an assigner puts each record in
/// windows, per key and window the contents hold an accumulator or a buffer, a trigger decides when to emit, and
/// timers driven by the watermark (event time) or a scheduler (processing time) fire and clean up. Window state is
/// freed when the watermark reaches end + allowed lateness. Results are emitted before the watermark that caused them.
/// </summary>
/// <remarks>
/// A window costs no allocation of its own: its state is a struct in a <see cref="WindowTable{TKey, TState}"/> and its
/// timers sit in buckets per time that are reused. Tumbling windows and the event-time trigger, the common case, are
/// computed inline rather than through the assigner's list and the trigger's virtual calls, with the same results.
/// <para>
/// Sliding event-time windows whose size is a multiple of the slide, under the event-time trigger and with contents
/// that merge exactly (<see cref="IWindowContents{TKey, T, TState, TResult}.MergesExactly"/>), are sliced into panes
/// of one slide (Flink's sliced windows, Beam's panes): a record is added once, to the accumulator of its (key, pane),
/// and a window merges its panes when it fires. The windows keep their entries, timers and firing state as on the
/// per-window path; only the first record of a pane touches them, because every window containing the pane is then
/// already created with its timers, so later records of the pane need nothing of their windows unless a late one
/// fires them. <see cref="WindowCounters.LiveWindows"/> therefore keeps counting (key, window) entries exactly as
/// before; panes are not counted. A pane is freed with the last window containing it, the one that starts with it.
/// </para>
/// <para>
/// In a checkpointed job the sink registers with the job and, at each barrier, <see cref="WindowCheckpoint{TKey, TState}"/>
/// reads this layout into the checkpoint; a restore rebuilds it. Outside a job nothing of that runs, on any path.
/// </para>
/// </remarks>
internal sealed partial class WindowOperator<TKey, T, TState, TResult, TContents> : StreamOperator<T, WindowResult<TKey, TResult>>, IKeyedNode
    where TKey : notnull
    where TContents : IWindowContents<TKey, T, TState, TResult>
{
    private readonly WindowSettings<TKey, T> _settings;
    private readonly Func<TContents> _createContents;

    public WindowOperator(WindowSettings<TKey, T> settings, Func<TContents> createContents, string name)
        : base(settings.Stream.Source, name)
    {
        _settings = settings;
        _createContents = createContents;
    }

    object? IKeyedNode.CustomComparer => _settings.Stream.CustomComparer;

    protected override OperatorSink<T, WindowResult<TKey, TResult>> CreateSink(IObserver<StreamElement<WindowResult<TKey, TResult>>> observer) =>
        new Sink(this, observer);

    private sealed partial class Sink : KeyedOperatorSink<TKey, T, WindowResult<TKey, TResult>>, ITriggerContext, IKeyedParticipant, IWindowOutput<TResult>
    {
        private readonly WindowSettings<TKey, T> _settings;
        private readonly IWindowAssignment<T> _assignment;
        private readonly TumblingAssignment? _tumbling;
        private readonly WindowTrigger _trigger;
        private readonly bool _eventTimeTrigger;
        private readonly bool _eventTime;
        private readonly bool _merging;
        private readonly long _lateness;
        private readonly WindowCounterCell? _counters;

        // True for count windows (global windows under a count trigger): their trigger state counts the records since the
        // last firing, which are dropped when the input ends.
        private readonly bool _countsLeftovers;
        private readonly IScheduler? _clock;
        private readonly OptionalGate _gate;
        private readonly WindowTable<TKey, TState> _windows;
        private readonly Dictionary<TKey, List<TimeWindow>>? _sessions;
        private readonly WindowTimers<TKey> _eventTimers;
        private readonly WindowTimers<TKey> _processingTimers;
        private readonly SerialDisposable _wakeup = new();
        private readonly List<TimeWindow> _assigned = new();
        private readonly List<int> _merged = new();
        private readonly List<TimeWindow> _mergedWindows = new();

        // Null under the inlined event-time trigger; else the trigger's typed states (empty unless it declares some).
        private readonly TriggerStates<TKey>? _triggerStates;

        // Null unless the windows are sliced into panes (see the class remarks); then the pane accumulators by (key, pane).
        private readonly WindowTable<TKey, TState>? _panes;
        private readonly long _size;
        private readonly long _slide;
        private readonly long _offset;
        private readonly int _panesPerWindow;

        // Null unless the operator runs in a checkpointed job.
        private readonly WindowCheckpoint<TKey, TState>? _checkpoint;
        private readonly ParticipantHandle? _checkpoints;
        private TContents _contents;
        private long _watermark = Watermark.MinValue;
        private long _wakeupTime = long.MaxValue;
        private bool _finished;

        // The tumbling window of the previous record: consecutive records mostly share it, which saves the division.
        private long _lastStart = 1; // [1, 0) holds no time: empty until the first record
        private long _lastEnd;

        // The window the trigger is deciding about, and its trigger state while the trigger runs (see CallTrigger).
        private int _current;
        private long _currentState;

        // The firing a collecting window function emits into (see Collect).
        private WindowResult<TKey, TResult> _firing;

        public Sink(WindowOperator<TKey, T, TState, TResult, TContents> parent, IObserver<StreamElement<WindowResult<TKey, TResult>>> observer)
            : base(parent._settings.Stream, observer, parent.Name)
        {
            _settings = parent._settings;
            _contents = parent._createContents();
            _assignment = _settings.Assigner.Bind<T>();
            _tumbling = (_assignment as TimestampAssignment<T>)?.Inner as TumblingAssignment;
            _trigger = _settings.Trigger;
            _eventTimeTrigger = _trigger.GetType() == typeof(EventTimeTrigger);
            _eventTime = _settings.Assigner.IsEventTime;
            _merging = _settings.Assigner.IsMerging;
            _lateness = _settings.AllowedLateness;
            _counters = _settings.Counters?.Attach();
            _countsLeftovers = _settings.Assigner is GlobalWindows && _trigger is CountTrigger or PurgingTrigger { Inner: CountTrigger };
            _clock = _settings.ProcessingTimeScheduler;
            _gate = new OptionalGate(_clock is null ? null : new object());
            var keys = _settings.Stream.Comparer;
            _windows = new WindowTable<TKey, TState>(keys);
            _sessions = _merging ? new Dictionary<TKey, List<TimeWindow>>(keys) : null;
            _eventTimers = new WindowTimers<TKey>(keys, deduplicate: _merging || !_eventTime || !RegistersEachTimerOnce(_trigger));
            _processingTimers = new WindowTimers<TKey>(keys, deduplicate: true);
            _triggerStates = _eventTimeTrigger ? null : new TriggerStates<TKey>(Name, keys, CurrentWindow);
            if (_settings.AllowSlicing && _eventTimeTrigger && _contents.MergesExactly
                && (_assignment as TimestampAssignment<T>)?.Inner is SlidingAssignment { HasClock: false } sliding
                && sliding.Size > sliding.Slide && sliding.Size % sliding.Slide == 0)
            {
                _size = sliding.Size;
                _slide = sliding.Slide;
                _offset = sliding.Offset;
                _panesPerWindow = (int)Math.Min(int.MaxValue, sliding.Size / sliding.Slide);
                _panes = new WindowTable<TKey, TState>(keys);
            }

            if (TakesAlignedSliding)
            {
                StartAlignedSliding();
            }

            _aligned = AlignedWindowsFor(_settings, _tumbling is not null, _eventTimeTrigger, _contents);
            WindowExplainer.Current?.AddWindows(parent, this);
            if (JobRuntime.Current is { } job)
            {
                _checkpoint = new WindowCheckpoint<TKey, TState>(Name, typeof(TContents));
                _contents.KeyedState?.PrepareForCheckpoints();
                _checkpoints = job.Register(this, Name, parent.Uid);
                if (_clock is not null && _processingTimers.TryPeekTime(out var next))
                {
                    _wakeupTime = next;
                    _wakeup.Disposable = _clock.Schedule(EventTime.ToDateTimeOffset(next), OnWakeup);
                }
            }
        }

        private WindowState<TKey, TState> StateParts => new(_windows, _panes, _sessions, _eventTimers, _processingTimers, _triggerStates, _contents.KeyedState);

        public PendingSnapshot Snapshot(long checkpointId) => _checkpoint!.Snapshot(StateParts, _watermark);

        public void Restore(OperatorSnapshot snapshot, TaskInfo task) => _watermark = _checkpoint!.Restore(snapshot, task, StateParts);

        public void NotifyCheckpointComplete(long checkpointId)
        {
        }

        public long CurrentWatermark => _watermark;

        public long CurrentProcessingTime => _clock is null ? 0 : _clock.Now.ToUnixTimeMilliseconds();

        public ref long State => ref _currentState;

        public ValueState<TValue> GetPartitionedState<TValue>(ValueStateDescriptor<TValue> descriptor) => _triggerStates!.Value(descriptor);

        public ReducingState<TValue> GetPartitionedState<TValue>(ReducingStateDescriptor<TValue> descriptor) => _triggerStates!.Reducing(descriptor);

        public void MergePartitionedState<TValue>(ReducingStateDescriptor<TValue> descriptor) => _triggerStates!.Merge(descriptor);

        /// <summary>The typed trigger states, for tests of cleanup; null under the inlined event-time trigger.</summary>
        internal TriggerStates<TKey>? TriggerStates => _triggerStates;

        private WindowId<TKey> CurrentWindow()
        {
            ref var entry = ref _windows[_current];
            return new WindowId<TKey>(entry.Key, entry.Window);
        }

        public void RegisterEventTimeTimer(long time) => RegisterEventTimeTimer(_current, time);

        public void DeleteEventTimeTimer(long time)
        {
            ref var entry = ref _windows[_current];
            if (_eventTime && time == CleanupTime(entry.Window))
            {
                return;
            }

            if (entry.LastEventTimer == time)
            {
                entry.LastEventTimer = long.MinValue;
            }

            _eventTimers.Delete(entry.Key, entry.Window, time);
        }

        public void DeleteProcessingTimeTimer(long time)
        {
            ref var entry = ref _windows[_current];
            if (!_eventTime && time == CleanupTime(entry.Window))
            {
                return;
            }

            _processingTimers.Delete(entry.Key, entry.Window, time);
        }

        public void RegisterProcessingTimeTimer(long time)
        {
            if (_clock is null)
            {
                throw new InvalidOperationException("A processing-time timer needs a processing-time clock: use processing-time windows or a trigger built with a scheduler.");
            }

            ref var entry = ref _windows[_current];
            if (_processingTimers.Register(entry.Key, entry.Window, _current, entry.Generation, time) && time < _wakeupTime)
            {
                _wakeupTime = time;
                _wakeup.Disposable = _clock.Schedule(EventTime.ToDateTimeOffset(time), OnWakeup);
            }
        }

        public override void Dispose()
        {
            _wakeup.Dispose();
            if (_counters is not null)
            {
                _settings.Counters!.Release(_counters);
            }

            base.Dispose();
        }

        protected override object? BatchGate => _gate.Lock;

        protected override void OnRecord(T value, long timestamp)
        {
            if (_aligned is not null)
            {
                ProcessAligned(value, timestamp);
                return;
            }

            if (_slidingPanes is not null)
            {
                if (!_finished && TryGetKey(value, timestamp, out var key))
                {
                    AddAlignedSliding(key, value, timestamp);
                }

                return;
            }

            if (_gate.Lock is null)
            {
                ProcessRecord(value, timestamp);
                return;
            }

            lock (_gate.Lock)
            {
                ProcessRecord(value, timestamp);
            }
        }

        protected override void OnControl(StreamElement<T> element)
        {
            if (element.Kind is not (ElementKind.Watermark or ElementKind.Barrier))
            {
                Downstream.OnNext(element.AsControl<WindowResult<TKey, TResult>>());
                return;
            }

            var taken = _gate.Enter();
            try
            {
                if (element.Kind == ElementKind.Watermark)
                {
                    AdvanceWatermark(element.Timestamp);
                }
                else
                {
                    _checkpoints?.OnBarrier(element.Timestamp);
                    Downstream.OnNext(element.AsControl<WindowResult<TKey, TResult>>());
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
                // A bounded input ends event time: every event-time window fires, as when Flink's sources emit the
                // final watermark. Processing-time timers all run too, so processing-time windows fire as their trigger says.
                if (_eventTime)
                {
                    AdvanceWatermark(Watermark.MaxValue);
                }
                else
                {
                    FireProcessingTimers(long.MaxValue);
                }

                _finished = true;
                _wakeup.Dispose();
                _checkpoints?.Finish();
            }
            finally
            {
                _gate.Exit(taken);
            }
        }

        /// <summary>
        /// True for built-in triggers, whose event-time timers of a window are its cleanup time (at creation) and then
        /// repeats of its end while the watermark is before it. In non-merging event-time windows, whose state is never
        /// created again once freed, <see cref="WindowEntry{TKey, TState}.LastEventTimer"/> alone then keeps each timer
        /// pending at most once, and the timers need no set of pending timers.
        /// </summary>
        private static bool RegistersEachTimerOnce(WindowTrigger trigger) => trigger switch
        {
            EventTimeTrigger or CountTrigger or NeverTrigger or ProcessingTimeTrigger => true,
            PurgingTrigger purging => RegistersEachTimerOnce(purging.Inner),
            EarlyCountTrigger early => RegistersEachTimerOnce(early.Inner),
            EarlyIntervalTrigger early => RegistersEachTimerOnce(early.Inner),
            _ => false,
        };


        private void ProcessRecord(T value, long timestamp)
        {
            if (!_finished && TryGetKey(value, timestamp, out var key))
            {
                ProcessKeyedRecord(key, value, timestamp);
            }
        }

        private void ProcessKeyedRecord(TKey key, T value, long timestamp)
        {
            // Records within two window sizes of the ends of time take the per-window path, whose arithmetic wraps
            // there; their windows add their own contents to the panes' when they fire, so the two paths can mix.
            if (_panes is not null && timestamp > long.MinValue + (2 * _size) && timestamp < long.MaxValue - (2 * _size))
            {
                ProcessSliced(key, value, timestamp);
                return;
            }

            if (_tumbling is not null)
            {
                TimeWindow window;
                try
                {
                    window = TumblingWindowOf(_tumbling.TimeOf(timestamp));
                }
                catch (Exception ex)
                {
                    Fail(ex, value, timestamp, "Window", key, null, AssignerMessage(ex));
                    return;
                }

                if (IsLate(window))
                {
                    DropLate(value, timestamp);
                    return;
                }

                AddToWindow(GetOrCreate(key, window), value, timestamp);
                return;
            }

            _assigned.Clear();
            try
            {
                _assignment.Assign(value, timestamp, _assigned);
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp, "Window", key, null, AssignerMessage(ex));
                return;
            }

            if (_merging && _assigned.Count > 0)
            {
                // The built-in sessions open one window per record; a custom merging assigner may open several.
                foreach (var opened in _assigned)
                {
                    ProcessSession(key, value, timestamp, opened);
                }

                return;
            }

            var added = false;
            foreach (var window in _assigned)
            {
                if (IsLate(window))
                {
                    continue;
                }

                added = true;
                if (!AddToWindow(GetOrCreate(key, window), value, timestamp))
                {
                    return;
                }
            }

            if (added)
            {
                return;
            }

            // A record in the gap between sliding windows whose slide exceeds their size belongs to no window: as in
            // Flink it is late data only when the record itself is late, otherwise it is counted as outside every window.
            var lateBelow = EventTime.Add(_watermark, -_lateness);
            if (_assigned.Count > 0 || (_eventTime && timestamp < lateBelow))
            {
                DropLate(value, timestamp);
            }
            else
            {
                _counters?.RecordOutsideWindows();
                DroppedRecords.OutsideWindow();
            }
        }

        /// <summary>
        /// A record of sliced windows: added to its pane, and, as on the per-window path, it creates its windows and their
        /// timers (only the first record of a pane can) and fires those the watermark passed (only a late one can).
        /// </summary>
        private void ProcessSliced(TKey key, T value, long timestamp)
        {
            var paneStart = TimeWindow.StartOf(timestamp, _offset, _slide);

            // The window starting with the pane closes last: when it is late, every window of the record is.
            if (IsLate(new TimeWindow(paneStart, paneStart + _size)))
            {
                DropLate(value, timestamp);
                return;
            }

            var pane = new TimeWindow(paneStart, paneStart + _slide);
            var paneSlot = _panes!.Find(key, pane, out var hash);
            var created = paneSlot < 0;
            if (created)
            {
                paneSlot = _panes.Add(key, pane, hash, _contents.Create());
            }

            try
            {
                _contents.Add(ref _panes[paneSlot].Contents, value, timestamp);
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp, Name, key, null, ex.Message);
                return;
            }

            // A later record of the pane finds each open window created with its end timer pending; the earliest of
            // them ends with the pane's end, so before the watermark passes that no window fires.
            if (!created && (_lateness == 0 || paneStart + _slide > _watermark))
            {
                return;
            }

            // The same windows in the same order as the assigner's (latest start first), so timers and firings match.
            for (var start = paneStart; start > timestamp - _size; start -= _slide)
            {
                var window = new TimeWindow(start, start + _size);
                if (IsLate(window) || (!created && window.End > _watermark))
                {
                    continue;
                }

                var slot = GetOrCreate(key, window);
                _windows[slot].HasContents = true;
                var result = OnElement(slot, timestamp);
                if (result != TriggerResult.Continue && !Apply(slot, result))
                {
                    return;
                }
            }
        }

        /// <summary>The result of a sliced window: its own contents (records near the ends of time) merged with its panes, earliest first.</summary>
        private TResult SlicedResult(ref WindowEntry<TKey, TState> entry)
        {
            var state = entry.Contents;
            var start = entry.Window.Start;
            for (var i = 0; i < _panesPerWindow; i++, start += _slide)
            {
                var pane = _panes!.Find(entry.Key, new TimeWindow(start, start + _slide));
                if (pane >= 0)
                {
                    state = _contents.Merge(state, _panes[pane].Contents);
                }
            }

            return _contents.Result(ref state, entry.Key, entry.Window);
        }

        private TimeWindow TumblingWindowOf(long time)
        {
            if (time >= _lastStart && time < _lastEnd)
            {
                return new TimeWindow(_lastStart, _lastEnd);
            }

            var window = _tumbling!.WindowOf(time);
            (_lastStart, _lastEnd) = (window.Start, window.End);
            return window;
        }

        private void ProcessSession(TKey key, T value, long timestamp, TimeWindow opened)
        {
            ref var sessions = ref CollectionsMarshal.GetValueRefOrAddDefault(_sessions!, key, out _);
            sessions ??= new List<TimeWindow>();
            var cover = opened;
            _merged.Clear();
            foreach (var window in sessions)
            {
                if (window.Intersects(opened))
                {
                    cover = cover.Cover(window);
                    _merged.Add(_windows.Find(key, window));
                }
            }

            if (IsLate(cover))
            {
                if (sessions.Count == 0)
                {
                    _sessions!.Remove(key);
                }

                DropLate(value, timestamp);
                return;
            }

            int slot;
            if (_merged.Count == 1 && _windows[_merged[0]].Window == cover)
            {
                slot = _merged[0];
            }
            else if (_merged.Count == 0)
            {
                slot = GetOrCreate(key, cover);
                sessions.Add(cover);
            }
            else if (!TryMerge(key, cover, sessions, value, timestamp, out slot))
            {
                return;
            }

            AddToWindow(slot, value, timestamp);
        }

        private bool TryMerge(TKey key, TimeWindow cover, List<TimeWindow> sessions, T value, long timestamp, out int slot)
        {
            var contents = _windows[_merged[0]].Contents;
            try
            {
                for (var i = 1; i < _merged.Count; i++)
                {
                    contents = _contents.Merge(contents, _windows[_merged[i]].Contents);
                }
            }
            catch (Exception ex)
            {
                slot = -1;

                // The record whose session bridged the others is the one the failure is reported (or dead-lettered) with;
                // the sessions stay as they were.
                Fail(ex, value, timestamp, Name, key, cover, ex.Message);
                return false;
            }

            var merged = default(WindowEntry<TKey, TState>);
            _mergedWindows.Clear();
            foreach (var old in _merged)
            {
                ref var entry = ref _windows[old];
                _mergedWindows.Add(entry.Window);
                merged.TriggerState = old == _merged[0] ? entry.TriggerState : _trigger.MergeState(merged.TriggerState, entry.TriggerState);
                merged.Firings = Math.Max(merged.Firings, entry.Firings);
                merged.OnTimeFired |= entry.OnTimeFired;
                merged.EmittedSinceReset |= entry.EmittedSinceReset;
                merged.HasContents |= entry.HasContents;
                sessions.Remove(entry.Window);
                _windows.Remove(old);
            }

            _counters?.WindowsFreed(_merged.Count);
            _windows.Find(key, cover, out var hash);
            slot = _windows.Add(key, cover, hash, contents);
            ref var created = ref _windows[slot];
            created.TriggerState = merged.TriggerState;
            created.Firings = merged.Firings;
            created.OnTimeFired = merged.OnTimeFired;
            created.EmittedSinceReset = merged.EmittedSinceReset;
            created.HasContents = merged.HasContents;
            _counters?.WindowCreated();
            sessions.Add(cover);
            RegisterCleanup(slot);
            _triggerStates?.BeginMerge(key, cover, _mergedWindows);
            try
            {
                CallTrigger(TriggerCall.Merge, slot, 0);
            }
            catch (Exception ex)
            {
                // The merged window's trigger state is unknown: its contents and the bridging record go to the dead
                // letters (or fail the stream), and the window, purged, waits for its cleanup.
                if (FailWindow(slot, ex, "Trigger", TriggerMessage(ex, TriggerCall.Merge)))
                {
                    Fail(ex, value, timestamp, "Trigger", key, cover, ex.Message);
                }

                return false;
            }
            finally
            {
                _triggerStates?.EndMerge();
            }

            return true;
        }

        private int GetOrCreate(TKey key, TimeWindow window)
        {
            var slot = _windows.Find(key, window, out var hash);
            if (slot < 0)
            {
                slot = _windows.Add(key, window, hash, _contents.Create());
                _counters?.WindowCreated();
                RegisterCleanup(slot);
            }

            return slot;
        }

        /// <summary>
        /// Asks the trigger, adds the record, and fires or purges as the trigger said; false when the record failed (the
        /// stream failed, or the record went to the dead letters). A record that fails leaves no trace in the window: the
        /// trigger is asked first (it never sees the contents, so the order is not observable) and its one-number state is
        /// restored when it throws (typed trigger states keep what the trigger changed before throwing, as documented on
        /// ITriggerContext); a value-type accumulator is restored from its copy when the function's Add throws.
        /// </summary>
        private bool AddToWindow(int slot, T value, long timestamp)
        {
            // The inlined event-time trigger cannot fail and keeps no state: it decides once the record is in.
            var triggerState = 0L;
            var result = TriggerResult.Continue;
            if (!_eventTimeTrigger)
            {
                triggerState = _windows[slot].TriggerState;
                try
                {
                    result = CallTrigger(TriggerCall.Element, slot, timestamp);
                }
                catch (Exception ex)
                {
                    _windows[slot].TriggerState = triggerState;
                    FailRecord(slot, ex, value, timestamp, "Trigger", TriggerMessage(ex, TriggerCall.Element));
                    return false;
                }
            }

            ref var entry = ref _windows[slot];
            var before = entry.Contents;
            try
            {
                _contents.Add(ref entry.Contents, value, timestamp);
            }
            catch (Exception ex)
            {
                // A reference-type accumulator stays as Add left it; IAggregateFunction.Add documents the rule.
                entry.Contents = before;
                if (!_eventTimeTrigger)
                {
                    entry.TriggerState = triggerState;
                }

                FailRecord(slot, ex, value, timestamp, Name, ex.Message);
                return false;
            }

            entry.HasContents = true;
            if (_eventTimeTrigger)
            {
                result = OnElement(slot, timestamp);
            }

            return result == TriggerResult.Continue || Apply(slot, result);
        }

        private void FailRecord(int slot, Exception error, T value, long timestamp, string operatorName, string message)
        {
            ref var entry = ref _windows[slot];
            Fail(error, value, timestamp, operatorName, entry.Key, entry.Window, message);
        }

        /// <summary>
        /// Reports the failure of a whole window (its function, or its trigger outside a record); true when the stream goes
        /// on. With dead letters, each buffered record of the window becomes a dead letter (an aggregated window, which
        /// keeps no records, one dead letter with its accumulator), and the window is purged, so that every record has
        /// one outcome; the window itself, with its timers, stays until its cleanup.
        /// </summary>
        private bool FailWindow(int slot, Exception error, string operatorName, string message)
        {
            ref var entry = ref _windows[slot];
            var key = entry.Key;
            var window = entry.Window;
            if (DeadLetters is not { } deadLetters)
            {
                Fail(error, null, window.MaxTimestamp, operatorName, key, window, message);
                return false;
            }

            // Sliced windows never get here: their trigger is the built-in event-time one and their function counts.
            var contents = entry.Contents;
            var hasContents = entry.HasContents;
            entry.Contents = _contents.Purge(contents);
            entry.HasContents = false;
            entry.EmittedSinceReset = false;
            if (hasContents && _contents.Records(contents) is { } records)
            {
                foreach (var record in records)
                {
                    deadLetters.Emit(new DeadLetter(operatorName, record.Value, record.Timestamp, error) { Key = key, Window = window });
                }
            }
            else
            {
                deadLetters.Emit(new DeadLetter(operatorName, null, window.MaxTimestamp, error)
                {
                    Key = key,
                    Window = window,
                    Accumulator = hasContents ? contents : null,
                });
            }

            return true;
        }

        private string TriggerMessage(Exception error, TriggerCall call) =>
            $"{TriggerName(_trigger)}.On{call} threw {error.GetType().Name}: {error.Message}";

        /// <summary>The trigger the user wrote, inside the built-in modifiers (<c>Purging()</c>, <c>WithEarlyFirings</c>) that wrap it.</summary>
        private static string TriggerName(WindowTrigger trigger) => trigger switch
        {
            PurgingTrigger purging => TriggerName(purging.Inner),
            EarlyCountTrigger early => TriggerName(early.Inner),
            EarlyIntervalTrigger early => TriggerName(early.Inner),
            _ => trigger.GetType().Name,
        };

        private string AssignerMessage(Exception error) =>
            $"the assigner {_settings.Assigner.GetType().Name} threw {error.GetType().Name}: {error.Message}";

        private TriggerResult OnElement(int slot, long timestamp)
        {
            if (!_eventTimeTrigger)
            {
                return CallTrigger(TriggerCall.Element, slot, timestamp);
            }

            // EventTimeTrigger.OnElement, inlined.
            var end = _windows[slot].Window.End;
            if (end <= _watermark)
            {
                return TriggerResult.Fire;
            }

            RegisterEventTimeTimer(slot, end);
            return TriggerResult.Continue;
        }

        private TriggerResult OnEventTime(int slot, long time)
        {
            if (!_eventTimeTrigger)
            {
                return CallTrigger(TriggerCall.EventTime, slot, time);
            }

            // EventTimeTrigger.OnEventTime, inlined.
            return time == _windows[slot].Window.End ? TriggerResult.Fire : TriggerResult.Continue;
        }

        /// <summary>
        /// Calls the trigger about the window in <paramref name="slot"/>. Its state is copied in before and out after the
        /// call, also when the trigger throws, because <see cref="State"/> hands out a ref that must not point into the
        /// table's array, which a later window may replace.
        /// </summary>
        private TriggerResult CallTrigger(TriggerCall call, int slot, long time)
        {
            _current = slot;
            _currentState = _windows[slot].TriggerState;
            var window = _windows[slot].Window;
            try
            {
                switch (call)
                {
                    case TriggerCall.Element:
                        return _trigger.OnElement(time, window, this);
                    case TriggerCall.EventTime:
                        return _trigger.OnEventTime(time, window, this);
                    case TriggerCall.ProcessingTime:
                        return _trigger.OnProcessingTime(time, window, this);
                    case TriggerCall.Clear:
                        _trigger.Clear(window, this);
                        return TriggerResult.Continue;
                    default:
                        _trigger.OnMerge(window, this);
                        return TriggerResult.Continue;
                }
            }
            finally
            {
                _windows[slot].TriggerState = _currentState;
            }
        }

        private void RegisterEventTimeTimer(int slot, long time)
        {
            ref var entry = ref _windows[slot];
            if (entry.LastEventTimer == time)
            {
                return;
            }

            entry.LastEventTimer = time;
            _eventTimers.Register(entry.Key, entry.Window, slot, entry.Generation, time);
        }

        /// <summary>One result of the firing window, from a collecting window function (<see cref="IWindowContents{TKey, T, TState, TResult}.Collects"/>).</summary>
        public void Collect(TResult value)
        {
            try
            {
                Emit(_firing with { Value = value }, _firing.Window.MaxTimestamp);
            }
            catch (Exception ex) when (ex is not Processing.DownstreamFailure)
            {
                throw new Processing.DownstreamFailure(ex);
            }
        }

        /// <summary>
        /// Emits and/or purges as the trigger decided; false when the stream failed. A window purged since its last
        /// record has nothing to emit. A failing window function with dead letters skips this result and goes on.
        /// </summary>
        private bool Apply(int slot, TriggerResult result)
        {
            ref var entry = ref _windows[slot];
            if (_contents.Collects && (result is TriggerResult.Fire or TriggerResult.FireAndPurge) && entry.HasContents)
            {
                if (!FireCollecting(slot))
                {
                    return false;
                }

                entry = ref _windows[slot];
            }
            else if ((result is TriggerResult.Fire or TriggerResult.FireAndPurge) && entry.HasContents)
            {
                TResult value;
                var computed = true;
                try
                {
                    value = _panes is null ? _contents.Result(ref entry.Contents, entry.Key, entry.Window) : SlicedResult(ref entry);
                }
                catch (Exception ex)
                {
                    value = default!;
                    computed = false;
                    if (!FailWindow(slot, ex, Name, ex.Message))
                    {
                        return false;
                    }

                    entry = ref _windows[slot];
                }

                if (computed)
                {
                    var firing = FiringOf(ref entry);
                    var output = new WindowResult<TKey, TResult>(entry.Key, entry.Window, value, firing, entry.Firings++, entry.EmittedSinceReset);
                    entry.EmittedSinceReset = true;
                    _counters?.Fired();
                    Emit(output, entry.Window.MaxTimestamp);

                    // Downstream code ran: take the ref afresh rather than trust one into an array it could have replaced.
                    entry = ref _windows[slot];
                }
            }

            if (result is TriggerResult.Purge or TriggerResult.FireAndPurge)
            {
                entry.Contents = _contents.Purge(entry.Contents);
                entry.EmittedSinceReset = false;
                entry.HasContents = false;
            }

            return true;
        }

        /// <summary>
        /// Fires a window whose function collects zero or more results; false when the stream failed. The contents are
        /// copied out and back, because the function runs downstream code that may replace the table's arrays.
        /// </summary>
        private bool FireCollecting(int slot)
        {
            ref var entry = ref _windows[slot];
            var contents = entry.Contents;
            _firing = new WindowResult<TKey, TResult>(entry.Key, entry.Window, default!, FiringOf(ref entry), entry.Firings, entry.EmittedSinceReset);
            try
            {
                _contents.Collect(ref contents, _firing.Key, _firing.Window, this);
            }
            catch (Processing.DownstreamFailure failure)
            {
                failure.Rethrow();
            }
            catch (Exception ex)
            {
                _windows[slot].Contents = contents;
                _firing = default;
                return FailWindow(slot, ex, Name, ex.Message);
            }

            _firing = default;
            entry = ref _windows[slot];
            entry.Contents = contents;
            entry.Firings++;
            entry.EmittedSinceReset = true;
            _counters?.Fired();
            return true;
        }

        private WindowFiring FiringOf(ref WindowEntry<TKey, TState> entry)
        {
            if (!_eventTime || entry.Window.IsGlobal)
            {
                return WindowFiring.OnTime;
            }

            if (_watermark < entry.Window.End)
            {
                return WindowFiring.Early;
            }

            if (entry.OnTimeFired)
            {
                return WindowFiring.Late;
            }

            entry.OnTimeFired = true;
            return WindowFiring.OnTime;
        }

        private void AdvanceWatermark(long watermark)
        {
            if (watermark <= _watermark)
            {
                return;
            }

            _watermark = watermark;
            // The aligned path's tables end before long.MaxValue, the time of the timers of its windows on the per-window path.
            if (_aligned is not null && !FireAligned(watermark))
            {
                return;
            }

            // Sliced windows are either all on the aligned path or all on the per-window path.
            if (_slidingWindows is not null)
            {
                FireAlignedSliding(watermark);
            }

            var freed = false;
            while (_eventTimers.TryDequeueDue(watermark, out var time, out var handle, out var deleted))
            {
                var slot = _windows.Resolve(handle);
                if (slot < 0)
                {
                    continue;
                }

                TriggerResult result;
                try
                {
                    result = deleted ? TriggerResult.Continue : OnEventTime(slot, time);
                }
                catch (Exception ex)
                {
                    if (!FailWindow(slot, ex, "Trigger", TriggerMessage(ex, TriggerCall.EventTime)))
                    {
                        return;
                    }

                    result = TriggerResult.Continue;
                }

                if (!Apply(slot, result))
                {
                    return;
                }

                if (_eventTime && time == CleanupTime(_windows[slot].Window))
                {
                    if (!Free(slot))
                    {
                        return;
                    }

                    freed = true;
                }
            }

            if (freed)
            {
                ShrinkIfSparse();
            }

            Downstream.OnNext(StreamElement.Watermark<WindowResult<TKey, TResult>>(watermark));
        }

        private void OnWakeup()
        {
            lock (_gate.Lock!)
            {
                if (_finished)
                {
                    return;
                }

                _wakeupTime = long.MaxValue;
                FireProcessingTimers(_clock!.Now.ToUnixTimeMilliseconds());
                if (!_finished && _processingTimers.TryPeekTime(out var next))
                {
                    _wakeupTime = next;
                    _wakeup.Disposable = _clock.Schedule(EventTime.ToDateTimeOffset(next), OnWakeup);
                }
            }
        }

        private void FireProcessingTimers(long now)
        {
            var freed = false;
            while (_processingTimers.TryDequeueDue(now, out var time, out var handle, out var deleted))
            {
                var slot = _windows.Resolve(handle);
                if (slot < 0)
                {
                    continue;
                }

                TriggerResult result;
                try
                {
                    result = deleted ? TriggerResult.Continue : CallTrigger(TriggerCall.ProcessingTime, slot, time);
                }
                catch (Exception ex)
                {
                    if (!FailWindow(slot, ex, "Trigger", TriggerMessage(ex, TriggerCall.ProcessingTime)))
                    {
                        return;
                    }

                    result = TriggerResult.Continue;
                }

                if (!Apply(slot, result))
                {
                    return;
                }

                if (!_eventTime && time == CleanupTime(_windows[slot].Window))
                {
                    if (!Free(slot))
                    {
                        return;
                    }

                    freed = true;
                }
            }

            if (freed)
            {
                ShrinkIfSparse();
            }
        }

        /// <summary>After timers freed windows: the tables give memory back once mostly empty (see <see cref="WindowTable{TKey, TState}.ShrinkIfSparse"/>).</summary>
        private void ShrinkIfSparse()
        {
            _windows.ShrinkIfSparse();
            _panes?.ShrinkIfSparse();
        }

        private void RegisterCleanup(int slot)
        {
            var time = CleanupTime(_windows[slot].Window);
            _current = slot;
            if (_eventTime)
            {
                RegisterEventTimeTimer(slot, time);
            }
            else
            {
                RegisterProcessingTimeTimer(time);
            }
        }

        /// <summary>Frees a window's state, after the window function's <c>Clear</c>; false when that failed the stream.</summary>
        private bool Free(int slot)
        {
            if ((_contents.Collects || !_eventTimeTrigger) && !ClearWindow(slot))
            {
                return false;
            }

            ref var entry = ref _windows[slot];
            var key = entry.Key;
            var window = entry.Window;
            if (_countsLeftovers && entry.TriggerState > 0)
            {
                // A count window that never filled again before the input ended; Flink drops these records too.
                DroppedRecords.CountWindowLeftover(entry.TriggerState);
            }

            if (_triggerStates is { IsEmpty: false } triggerStates)
            {
                triggerStates.Remove(key, window);
            }

            _windows.Remove(slot);
            _counters?.WindowsFreed(1);
            if (_panes is not null)
            {
                // No window containing the pane that starts with this window can change any more.
                var pane = _panes.Find(key, new TimeWindow(window.Start, window.Start + _slide));
                if (pane >= 0)
                {
                    _panes.Remove(pane);
                }
            }

            if (_sessions is not null && _sessions.TryGetValue(key, out var sessions))
            {
                sessions.Remove(window);
                if (sessions.Count == 0)
                {
                    _sessions.Remove(key);
                }
            }

            return true;
        }

        /// <summary>The trigger's and the window function's <c>Clear</c> before a window is freed; false when one failed the stream.</summary>
        private bool ClearWindow(int slot)
        {
            if (!_eventTimeTrigger)
            {
                try
                {
                    CallTrigger(TriggerCall.Clear, slot, 0);
                }
                catch (Exception ex)
                {
                    return FailWindow(slot, ex, "Trigger", TriggerMessage(ex, TriggerCall.Clear));
                }
            }

            if (!_contents.Collects)
            {
                return true;
            }

            ref var entry = ref _windows[slot];
            var contents = entry.Contents;
            try
            {
                _contents.Clear(ref contents, entry.Key, entry.Window, this);
                return true;
            }
            catch (Exception ex)
            {
                return FailWindow(slot, ex, Name, ex.Message);
            }
        }

        /// <summary>
        /// When a window's state can no longer change: end + allowed lateness in event time; in processing time its last
        /// timestamp, <c>End − 1</c>, when the processing clock reaches it (Flink's <c>cleanupTime</c>).
        /// </summary>
        private long CleanupTime(TimeWindow window)
        {
            if (!_eventTime)
            {
                return window.MaxTimestamp;
            }

            return window.End > long.MaxValue - _lateness ? long.MaxValue : window.End + _lateness;
        }

        private bool IsLate(TimeWindow window) => _eventTime && CleanupTime(window) <= _watermark;

        private void DropLate(T value, long timestamp)
        {
            _counters?.LateRecordDropped();
            if (_settings.LateData is { } lateData)
            {
                lateData.Emit(new Record<T>(value, timestamp));
            }
            else
            {
                DroppedRecords.LateInWindow();
            }
        }
    }

    /// <summary>Which method of the trigger to call; named after it (<c>On</c> + the name).</summary>
    private enum TriggerCall
    {
        Element,
        EventTime,
        ProcessingTime,
        Merge,
        Clear,
    }
}
