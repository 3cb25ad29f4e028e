using System;
using System.Linq;
using System.Reactive.Concurrency;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using RxStreams.Interactive.Rendering;

namespace RxStreams.Interactive.Live;

/// <summary>
/// A live view of a window-results stream: it subscribes, keeps a <see cref="LiveWindowTable"/>, and replaces one
/// displayed table as windows fire (paced by <see cref="LiveViewOptions.MinUpdateInterval"/>, always showing the final
/// state). Await it to wait until the stream completes; an error of the stream fails the await.
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
    private IDisposable? _subscription;

    private LiveView(LiveViewOptions options, ILiveViewSink sink)
    {
        _options = options;
        _sink = sink;
        _clock = options.Clock ?? Scheduler.Default;
        _start = _clock.Now;
        _lastUpdate = _start;
    }

    /// <summary>The state shown.</summary>
    public LiveWindowTable Table { get; } = new();

    /// <summary>How many times the display was replaced after it was first shown.</summary>
    public int DisplayUpdates { get; private set; }

    /// <summary>Completes when the results stream completes; faults when it fails.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Lets a notebook cell <c>await</c> the view until the stream completes.</summary>
    public TaskAwaiter GetAwaiter() => Completion.GetAwaiter();

    /// <summary>
    /// Shows the view on <paramref name="sink"/> and subscribes to <paramref name="results"/>. In a notebook use
    /// <c>DisplayLive</c>, which shows it as a cell output.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type.</typeparam>
    /// <param name="results">The window results.</param>
    /// <param name="sink">Where to show the view.</param>
    /// <param name="options">Title, counters, metrics, clock and pacing.</param>
    public static LiveView Start<TKey, TValue>(
        IObservable<StreamElement<WindowResult<TKey, TValue>>> results, ILiveViewSink sink, LiveViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(sink);
        var view = new LiveView(options ?? new LiveViewOptions(), sink);
        var (html, text) = view.Render();
        sink.Show(html, text);
        view._subscription = results.Subscribe(view.OnNext<TKey, TValue>, view.OnError, view.OnCompleted);
        return view;
    }

    /// <summary>The view's HTML now.</summary>
    public string ToHtml()
    {
        lock (_gate)
        {
            Measure();
            return LiveWindowHtml.Render(Table, _options.Title, _options.MaxRows, _renderedVersion);
        }
    }

    /// <summary>Stops listening to the stream; the display keeps its last state.</summary>
    public void Dispose() => _subscription?.Dispose();

    /// <inheritdoc />
    public override string ToString() => LiveWindowHtml.PlainText(Table);

    private void OnNext<TKey, TValue>(StreamElement<WindowResult<TKey, TValue>> element)
    {
        lock (_gate)
        {
            var before = Table.Version;
            Table.Apply(element);
            if (Table.Version != before && _clock.Now - _lastUpdate >= _options.MinUpdateInterval)
            {
                UpdateDisplay();
            }
        }
    }

    private void OnError(Exception error)
    {
        lock (_gate)
        {
            Table.Complete(error);
            UpdateDisplay();
        }

        _completion.TrySetException(error);
    }

    private void OnCompleted()
    {
        lock (_gate)
        {
            Table.Complete();
            UpdateDisplay();
        }

        _completion.TrySetResult();
    }

    private void UpdateDisplay()
    {
        var (html, text) = Render();
        _sink.Update(html, text);
        DisplayUpdates++;
        _lastUpdate = _clock.Now;
    }

    private (string Html, string Text) Render()
    {
        Measure();
        var html = LiveWindowHtml.Render(Table, _options.Title, _options.MaxRows, _renderedVersion);
        _renderedVersion = Table.Version;
        return (html, LiveWindowHtml.PlainText(Table));
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
