using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Runtime.InteropServices;
using System.Threading;
using RxStreams.Keyed;
using RxStreams.Operators;
using RxStreams.Windows.Functions;

namespace RxStreams.Windows;

/// <summary>
/// The one window operator behind every window kind (Flink's <c>WindowOperator</c>): an assigner puts each record in
/// windows, per key and window the contents hold an accumulator or a buffer, a trigger decides when to emit, and
/// timers driven by the watermark (event time) or a scheduler (processing time) fire and clean up. Window state is
/// freed when the watermark reaches end + allowed lateness. Results are emitted before the watermark that caused them.
/// </summary>
internal sealed class WindowOperator<TKey, T, TState, TResult, TContents> : StreamOperator<T, WindowResult<TKey, TResult>>
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

    protected override OperatorSink<T, WindowResult<TKey, TResult>> CreateSink(IObserver<StreamElement<WindowResult<TKey, TResult>>> observer) =>
        new Sink(this, observer);

    /// <summary>The state of one key's window.</summary>
    private sealed class Entry(TKey key, TimeWindow window, TState contents)
    {
        public readonly TKey Key = key;
        public readonly TimeWindow Window = window;
        public TState Contents = contents;
        public long TriggerState;
        public int Firings;
        public bool OnTimeFired;
        public bool EmittedSinceReset;

        /// <summary>True when records were added since the window was created or last purged; a firing without them emits nothing, as in Flink.</summary>
        public bool HasContents;
        public long LastEventTimer = long.MinValue;
    }

    private sealed class Sink : KeyedOperatorSink<TKey, T, WindowResult<TKey, TResult>>, ITriggerContext
    {
        private readonly WindowSettings<TKey, T> _settings;
        private readonly IWindowAssignment<T> _assignment;
        private readonly WindowTrigger _trigger;
        private readonly bool _eventTime;
        private readonly bool _merging;
        private readonly IScheduler? _clock;
        private readonly object? _gate;
        private readonly Dictionary<WindowKey<TKey>, Entry> _windows;
        private readonly Dictionary<TKey, List<TimeWindow>>? _sessions;
        private readonly TimerQueue<TKey> _eventTimers;
        private readonly TimerQueue<TKey> _processingTimers;
        private readonly SerialDisposable _wakeup = new();
        private readonly List<TimeWindow> _assigned = new();
        private readonly List<Entry> _merged = new();
        private TContents _contents;
        private long _watermark = Watermark.MinValue;
        private long _wakeupTime = long.MaxValue;
        private bool _finished;
        private Entry? _current;

        public Sink(WindowOperator<TKey, T, TState, TResult, TContents> parent, IObserver<StreamElement<WindowResult<TKey, TResult>>> observer)
            : base(parent._settings.Stream, observer, parent.Name)
        {
            _settings = parent._settings;
            _contents = parent._createContents();
            _assignment = _settings.Assigner.Bind<T>();
            _trigger = _settings.Trigger;
            _eventTime = _settings.Assigner.IsEventTime;
            _merging = _settings.Assigner.IsMerging;
            _clock = _settings.ProcessingTimeScheduler;
            _gate = _clock is null ? null : new object();
            var comparer = new WindowKeyComparer<TKey>(_settings.Stream.Comparer);
            _windows = new Dictionary<WindowKey<TKey>, Entry>(comparer);
            _sessions = _merging ? new Dictionary<TKey, List<TimeWindow>>(_settings.Stream.Comparer) : null;
            _eventTimers = new TimerQueue<TKey>(comparer);
            _processingTimers = new TimerQueue<TKey>(comparer);
        }

        public long CurrentWatermark => _watermark;

        public long CurrentProcessingTime => _clock is null ? 0 : _clock.Now.ToUnixTimeMilliseconds();

        public ref long State => ref _current!.TriggerState;

        public void RegisterEventTimeTimer(long time)
        {
            var entry = _current!;
            if (entry.LastEventTimer == time)
            {
                return;
            }

            entry.LastEventTimer = time;
            _eventTimers.Register(entry.Key, entry.Window, time);
        }

        public void RegisterProcessingTimeTimer(long time)
        {
            if (_clock is null)
            {
                throw new InvalidOperationException("A processing-time timer needs a processing-time clock: use processing-time windows or a trigger built with a scheduler.");
            }

            var entry = _current!;
            if (_processingTimers.Register(entry.Key, entry.Window, time) && time < _wakeupTime)
            {
                _wakeupTime = time;
                _wakeup.Disposable = _clock.Schedule(EventTime.ToDateTimeOffset(time), OnWakeup);
            }
        }

        public override void Dispose()
        {
            _wakeup.Dispose();
            base.Dispose();
        }

        protected override void OnRecord(T value, long timestamp)
        {
            var taken = Enter();
            try
            {
                ProcessRecord(value, timestamp);
            }
            finally
            {
                Exit(taken);
            }
        }

        protected override void OnControl(StreamElement<T> element)
        {
            if (element.Kind != ElementKind.Watermark)
            {
                Downstream.OnNext(element.AsControl<WindowResult<TKey, TResult>>());
                return;
            }

            var taken = Enter();
            try
            {
                AdvanceWatermark(element.Timestamp);
            }
            finally
            {
                Exit(taken);
            }
        }

        protected override void OnEnd()
        {
            var taken = Enter();
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
            }
            finally
            {
                Exit(taken);
            }
        }

        /// <summary>Takes the gate when a processing-time clock can call in beside the source; single-threaded pipelines take no lock.</summary>
        private bool Enter()
        {
            var taken = false;
            if (_gate is not null)
            {
                Monitor.Enter(_gate, ref taken);
            }

            return taken;
        }

        private void Exit(bool taken)
        {
            if (taken)
            {
                Monitor.Exit(_gate!);
            }
        }

        private void ProcessRecord(T value, long timestamp)
        {
            if (_finished || !TryGetKey(value, timestamp, out var key))
            {
                return;
            }

            _assigned.Clear();
            try
            {
                _assignment.Assign(value, timestamp, _assigned);
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp);
                return;
            }

            if (_merging)
            {
                ProcessSession(key, value, timestamp, _assigned[0]);
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

            if (!added)
            {
                DropLate(value, timestamp);
            }
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
                    _merged.Add(_windows[new WindowKey<TKey>(key, window)]);
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

            Entry entry;
            if (_merged.Count == 1 && _merged[0].Window == cover)
            {
                entry = _merged[0];
            }
            else if (_merged.Count == 0)
            {
                entry = GetOrCreate(key, cover);
                sessions.Add(cover);
            }
            else if (!TryMerge(key, cover, sessions, out entry))
            {
                return;
            }

            AddToWindow(entry, value, timestamp);
        }

        private bool TryMerge(TKey key, TimeWindow cover, List<TimeWindow> sessions, out Entry entry)
        {
            var first = _merged[0];
            var contents = first.Contents;
            try
            {
                for (var i = 1; i < _merged.Count; i++)
                {
                    contents = _contents.Merge(contents, _merged[i].Contents);
                }
            }
            catch (Exception ex)
            {
                entry = null!;
                Fail(ex, null, null);
                return false;
            }

            entry = new Entry(key, cover, contents);
            foreach (var old in _merged)
            {
                entry.TriggerState += old.TriggerState;
                entry.Firings = Math.Max(entry.Firings, old.Firings);
                entry.OnTimeFired |= old.OnTimeFired;
                entry.EmittedSinceReset |= old.EmittedSinceReset;
                entry.HasContents |= old.HasContents;
                _windows.Remove(new WindowKey<TKey>(key, old.Window));
                sessions.Remove(old.Window);
            }

            _settings.Counters?.WindowsFreed(_merged.Count);
            _windows.Add(new WindowKey<TKey>(key, cover), entry);
            _settings.Counters?.WindowCreated();
            sessions.Add(cover);
            RegisterCleanup(entry);
            _current = entry;
            try
            {
                _trigger.OnMerge(cover, this);
            }
            catch (Exception ex)
            {
                Fail(ex, null, null);
                return false;
            }

            return true;
        }

        private Entry GetOrCreate(TKey key, TimeWindow window)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_windows, new WindowKey<TKey>(key, window), out var exists);
            if (!exists)
            {
                entry = new Entry(key, window, _contents.Create());
                _settings.Counters?.WindowCreated();
                RegisterCleanup(entry);
            }

            return entry!;
        }

        /// <summary>Adds the record and asks the trigger; false when the stream failed.</summary>
        private bool AddToWindow(Entry entry, T value, long timestamp)
        {
            TriggerResult result;
            try
            {
                _contents.Add(ref entry.Contents, value, timestamp);
                entry.HasContents = true;
                _current = entry;
                result = _trigger.OnElement(timestamp, entry.Window, this);
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp);
                return false;
            }

            return Apply(entry, result);
        }

        /// <summary>
        /// Emits and/or purges as the trigger decided; false when the stream failed. A window purged since its last
        /// record has nothing to emit. A failing window function with dead letters skips this result and goes on.
        /// </summary>
        private bool Apply(Entry entry, TriggerResult result)
        {
            if ((result is TriggerResult.Fire or TriggerResult.FireAndPurge) && entry.HasContents)
            {
                TResult value;
                var computed = true;
                try
                {
                    value = _contents.Result(ref entry.Contents, entry.Key, entry.Window);
                }
                catch (Exception ex)
                {
                    value = default!;
                    computed = false;
                    if (!Recover(ex, null, entry.Window.MaxTimestamp))
                    {
                        return false;
                    }
                }

                if (computed)
                {
                    var firing = FiringOf(entry);
                    var output = new WindowResult<TKey, TResult>(entry.Key, entry.Window, value, firing, entry.Firings++, entry.EmittedSinceReset);
                    entry.EmittedSinceReset = true;
                    _settings.Counters?.Fired();
                    Emit(output, entry.Window.MaxTimestamp);
                }
            }

            if (result is TriggerResult.Purge or TriggerResult.FireAndPurge)
            {
                entry.Contents = _contents.Create();
                entry.EmittedSinceReset = false;
                entry.HasContents = false;
            }

            return true;
        }

        /// <summary>Reports a failure of user code; true when the stream goes on because the failure went to the dead letters.</summary>
        private bool Recover(Exception error, object? record, long? timestamp)
        {
            Fail(error, record, timestamp);
            return _settings.Stream.DeadLetters is not null;
        }

        private WindowFiring FiringOf(Entry entry)
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
            while (_eventTimers.TryDequeueDue(watermark, out var timer))
            {
                if (!_windows.TryGetValue(new WindowKey<TKey>(timer.Key, timer.Window), out var entry))
                {
                    continue;
                }

                TriggerResult result;
                try
                {
                    _current = entry;
                    result = _trigger.OnEventTime(timer.Time, entry.Window, this);
                }
                catch (Exception ex)
                {
                    if (!Recover(ex, null, timer.Time))
                    {
                        return;
                    }

                    result = TriggerResult.Continue;
                }

                if (!Apply(entry, result))
                {
                    return;
                }

                if (_eventTime && timer.Time == CleanupTime(entry.Window))
                {
                    Free(entry);
                }
            }

            Downstream.OnNext(StreamElement.Watermark<WindowResult<TKey, TResult>>(watermark));
        }

        private void OnWakeup()
        {
            lock (_gate!)
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
            while (_processingTimers.TryDequeueDue(now, out var timer))
            {
                if (!_windows.TryGetValue(new WindowKey<TKey>(timer.Key, timer.Window), out var entry))
                {
                    continue;
                }

                TriggerResult result;
                try
                {
                    _current = entry;
                    result = _trigger.OnProcessingTime(timer.Time, entry.Window, this);
                }
                catch (Exception ex)
                {
                    if (!Recover(ex, null, null))
                    {
                        return;
                    }

                    result = TriggerResult.Continue;
                }

                if (!Apply(entry, result))
                {
                    return;
                }

                if (!_eventTime && timer.Time == CleanupTime(entry.Window))
                {
                    Free(entry);
                }
            }
        }

        private void RegisterCleanup(Entry entry)
        {
            var time = CleanupTime(entry.Window);
            _current = entry;
            if (_eventTime)
            {
                RegisterEventTimeTimer(time);
            }
            else
            {
                RegisterProcessingTimeTimer(time);
            }
        }

        private void Free(Entry entry)
        {
            _windows.Remove(new WindowKey<TKey>(entry.Key, entry.Window));
            _settings.Counters?.WindowsFreed(1);
            if (_sessions is not null && _sessions.TryGetValue(entry.Key, out var sessions))
            {
                sessions.Remove(entry.Window);
                if (sessions.Count == 0)
                {
                    _sessions.Remove(entry.Key);
                }
            }
        }

        /// <summary>When a window's state can no longer change: end + allowed lateness in event time, the end in processing time.</summary>
        private long CleanupTime(TimeWindow window)
        {
            if (!_eventTime)
            {
                return window.End;
            }

            var lateness = _settings.AllowedLateness;
            return window.End > long.MaxValue - lateness ? long.MaxValue : window.End + lateness;
        }

        private bool IsLate(TimeWindow window) => _eventTime && CleanupTime(window) <= _watermark;

        private void DropLate(T value, long timestamp)
        {
            _settings.Counters?.LateRecordDropped();
            _settings.LateData?.Emit(new Record<T>(value, timestamp));
        }
    }
}
