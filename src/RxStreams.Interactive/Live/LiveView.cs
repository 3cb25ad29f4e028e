using System;
using System.Linq;
using System.Reactive.Concurrency;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace RxStreams.Interactive.Live;

/// <summary>
/// A live view of a results stream (window results or rolling per-key results): it subscribes, keeps an
/// <see cref="ILiveTable"/>, and replaces one displayed table as results arrive. Updates are paced by
/// <see cref="LiveViewOptions.MinUpdateInterval"/> with a trailing flush: a change that comes too soon is shown when the
/// interval has passed, so the display is never more than one interval behind the stream. The view stops on
/// <see cref="LiveViewOptions.Cancellation"/>, after <see cref="LiveViewOptions.StopAfter"/>, or on
/// <see cref="Dispose"/>, and then disposes its subscription. Await it to wait until the stream ends or the view stops;
/// an error of the stream fails the await.
/// </summary>
public sealed class LiveView : IDisposable
{
    private readonly object _gate = new();
    private readonly LiveViewOptions _options;
    private readonly ILiveViewSink _sink;
    private readonly IScheduler _clock;
    private readonly DateTimeOffset _start;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _lastUpdate;
    private long _renderedVersion;
    private bool _ended;
    private IDisposable? _subscription;
    private IDisposable? _pendingFlush;
    private IDisposable? _stopTimer;
    private CancellationTokenRegistration _cancellation;

    private LiveView(ILiveTable table, LiveViewOptions options, ILiveViewSink sink)
    {
        Table = table;
        _options = options;
        _sink = sink;
        _clock = options.Clock ?? Scheduler.Default;
        _start = _clock.Now;
        _lastUpdate = _start;
    }

    /// <summary>The state shown: a <see cref="LiveWindowTable"/>, a <see cref="LiveKeyedTable"/>, or a chart's state (<see cref="Charts.LiveLineChart"/>, <see cref="Charts.LiveWatermarkChart"/>).</summary>
    public ILiveTable Table { get; }

    /// <summary>How many times the display was replaced after it was first shown.</summary>
    public int DisplayUpdates { get; private set; }

    /// <summary>True while the view listens to the stream: until it completes, fails or the view stops.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return !_ended;
            }
        }
    }

    /// <summary>Completes when the stream completes or the view stops; faults when the stream fails.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Lets a notebook cell <c>await</c> the view until the stream ends or the view stops.</summary>
    public TaskAwaiter GetAwaiter() => Completion.GetAwaiter();

    /// <summary>
    /// Shows a live table of window results on <paramref name="sink"/> and subscribes to <paramref name="results"/>.
    /// In a notebook use <c>DisplayLive</c>, which shows it as a cell output.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type.</typeparam>
    /// <param name="results">The window results.</param>
    /// <param name="sink">Where to show the view.</param>
    /// <param name="options">Title, counters, metrics, clock, pacing and when to stop.</param>
    public static LiveView Start<TKey, TValue>(
        IObservable<StreamElement<WindowResult<TKey, TValue>>> results, ILiveViewSink sink, LiveViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var table = new LiveWindowTable();
        return Start(table, results, table.Apply, sink, options);
    }

    /// <summary>
    /// Shows a live table of rolling per-key results (the latest result of each key) on <paramref name="sink"/> and
    /// subscribes to <paramref name="results"/>. In a notebook use <c>DisplayLive</c>.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The aggregation's result type.</typeparam>
    /// <param name="results">The rolling results, as <c>Sum</c>, <c>Count</c>, <c>Max</c> or <c>Aggregate</c> of a keyed stream emit them.</param>
    /// <param name="sink">Where to show the view.</param>
    /// <param name="options">Title, metrics, clock, pacing and when to stop.</param>
    public static LiveView Start<TKey, TValue>(
        IObservable<StreamElement<Keyed<TKey, TValue>>> results, ILiveViewSink sink, LiveViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var table = new LiveKeyedTable();
        return Start(table, results, table.Apply, sink, options);
    }

    /// <summary>The view's HTML now.</summary>
    public string ToHtml()
    {
        lock (_gate)
        {
            Measure();
            return Table.ToHtml(_options.Title, _options.MaxRows, _renderedVersion);
        }
    }

    /// <summary>
    /// Stops listening to the stream: disposes the subscription, shows the last state marked <c>stopped</c> and completes
    /// <see cref="Completion"/>. Does nothing once the stream ended or the view stopped.
    /// </summary>
    public void Stop()
    {
        IDisposable? subscription;
        lock (_gate)
        {
            if (!End())
            {
                return;
            }

            Table.MarkStopped();
            UpdateDisplay();
            subscription = _subscription;
        }

        subscription?.Dispose();
        _completion.TrySetResult();
    }

    /// <summary>Stops the view (see <see cref="Stop"/>).</summary>
    public void Dispose() => Stop();

    /// <inheritdoc />
    public override string ToString() => Table.ToText();

    /// <summary>Shows <paramref name="table"/> on <paramref name="sink"/> and subscribes, applying each element with <paramref name="apply"/>.</summary>
    internal static LiveView Start<T>(ILiveTable table, IObservable<T> results, Action<T> apply, ILiveViewSink sink, LiveViewOptions? options)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var view = new LiveView(table, options ?? new LiveViewOptions(), sink);
        var (html, text) = view.Render();
        sink.Show(html, text);
        var subscription = results.Subscribe(element => view.OnNext(apply, element), view.OnError, view.OnCompleted);
        lock (view._gate)
        {
            view._subscription = subscription;
            if (view._ended)
            {
                subscription.Dispose();
                return view;
            }

            if (view._options.StopAfter is { } duration)
            {
                view._stopTimer = view._clock.Schedule(duration, view.Stop);
            }

            // Registered under the gate, so End() sees it; a token cancelled already stops the view right here.
            view._cancellation = view._options.Cancellation.Register(view.Stop);
        }

        return view;
    }

    private void OnNext<T>(Action<T> apply, T element)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            var before = Table.Version;
            apply(element);
            if (Table.Version == before)
            {
                return;
            }

            var due = _lastUpdate + _options.MinUpdateInterval;
            var now = _clock.Now;
            if (now >= due)
            {
                UpdateDisplay();
            }
            else
            {
                _pendingFlush ??= _clock.Schedule(due - now, Flush);
            }
        }
    }

    private void Flush()
    {
        lock (_gate)
        {
            _pendingFlush = null;
            if (!_ended && Table.Version != _renderedVersion)
            {
                UpdateDisplay();
            }
        }
    }

    private void OnError(Exception error)
    {
        lock (_gate)
        {
            if (!End())
            {
                return;
            }

            Table.MarkCompleted(error);
            UpdateDisplay();
        }

        _completion.TrySetException(error);
    }

    private void OnCompleted()
    {
        lock (_gate)
        {
            if (!End())
            {
                return;
            }

            Table.MarkCompleted(null);
            UpdateDisplay();
        }

        _completion.TrySetResult();
    }

    // Marks the view as ended and cancels its timers; false when it had ended already. Called under the gate.
    private bool End()
    {
        if (_ended)
        {
            return false;
        }

        _ended = true;
        _pendingFlush?.Dispose();
        _pendingFlush = null;
        _stopTimer?.Dispose();
        _cancellation.Unregister();
        return true;
    }

    private void UpdateDisplay()
    {
        var (html, text) = Render();
        _sink.Update(html, text);
        DisplayUpdates++;
        _lastUpdate = _clock.Now;
        _pendingFlush?.Dispose();
        _pendingFlush = null;
    }

    private (string Html, string Text) Render()
    {
        Measure();
        var html = Table.ToHtml(_options.Title, _options.MaxRows, _renderedVersion);
        _renderedVersion = Table.Version;
        return (html, Table.ToText());
    }

    private void Measure()
    {
        long? input = null;
        long? late = _options.LateRecords?.Invoke() ?? _options.Counters?.LateRecordsDropped;
        if (_options.Metrics is { } metrics && _options.MeasuringPoint is { } point &&
            metrics.Snapshot().Operators.FirstOrDefault(o => o.Name == point) is { } measured)
        {
            input = measured.Records;
            late ??= measured.LateRecords;
        }

        Table.SetProgress(_clock.Now - _start, input, late);
    }
}
