using System;
using System.Collections.Generic;
using System.Numerics;
using RxStreams.Keyed.Aggregates;
using RxStreams.Windows;
using RxStreams.Windows.Functions;

namespace RxStreams;

/// <summary>
/// A keyed (or, with <see cref="System.Reactive.Unit"/> keys, non-keyed) stream cut into windows (Flink's
/// <c>WindowedStream</c>). Configure the trigger, allowed lateness, late-data output and evictor, then apply a window
/// function (<see cref="Aggregate{TAccumulator, TResult}(IAggregateFunction{T, TAccumulator, TResult})"/>, <see cref="Count"/>,
/// <see cref="Sum{TNumber}"/>, …, or <see cref="Process{TResult}"/>) to get a stream of <see cref="WindowResult{TKey, TValue}"/>.
/// Immutable: each configuration method returns a new windowed stream.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="T">The record type.</typeparam>
public sealed class WindowedStream<TKey, T>
    where TKey : notnull
{
    private readonly KeyedStream<TKey, T> _stream;
    private readonly WindowAssigner _assigner;
    private readonly WindowTrigger? _trigger;
    private readonly long _allowedLateness;
    private readonly SideOutput<Record<T>>? _lateData;
    private readonly WindowEvictor? _evictor;
    private readonly WindowCounters? _counters;
    private readonly bool _noSlicing;

    internal WindowedStream(KeyedStream<TKey, T> stream, WindowAssigner assigner)
        : this(stream, assigner, null, 0, null, null, null)
    {
        if (assigner.RecordType is { } type && type != typeof(T))
        {
            throw new ArgumentException($"The window assigner {assigner.GetType().Name} assigns records of {type.Name}, but the stream's records are {typeof(T).Name}.", nameof(assigner));
        }
    }

    private WindowedStream(KeyedStream<TKey, T> stream, WindowAssigner assigner, WindowTrigger? trigger, long allowedLateness, SideOutput<Record<T>>? lateData, WindowEvictor? evictor, WindowCounters? counters, bool noSlicing = false)
    {
        _noSlicing = noSlicing;
        _stream = stream;
        _assigner = assigner;
        _trigger = trigger;
        _allowedLateness = allowedLateness;
        _lateData = lateData;
        _evictor = evictor;
        _counters = counters;
    }

    /// <summary>Replaces the assigner's default trigger.</summary>
    /// <param name="trigger">When windows emit.</param>
    public WindowedStream<TKey, T> Trigger(WindowTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return new(_stream, _assigner, trigger, _allowedLateness, _lateData, _evictor, _counters, _noSlicing);
    }

    /// <summary>
    /// Keeps event-time window state until the watermark reaches end + <paramref name="lateness"/>: a late record in that
    /// time updates its window and (with the default trigger) emits a <see cref="WindowFiring.Late"/> result. After it,
    /// records for the window are late data. Default zero. Ignored by processing-time windows.
    /// </summary>
    /// <param name="lateness">How long after the window's end it still accepts records.</param>
    public WindowedStream<TKey, T> AllowedLateness(TimeSpan lateness) =>
        new(_stream, _assigner, _trigger, EventTime.ToMilliseconds(lateness, nameof(lateness)), _lateData, _evictor, _counters, _noSlicing);

    /// <summary>Sends records too late for every window they belong to to <paramref name="lateData"/> (Flink's <c>sideOutputLateData</c>). They are counted either way.</summary>
    /// <param name="lateData">Receives and counts the late records.</param>
    public WindowedStream<TKey, T> SideOutputLateData(SideOutput<Record<T>> lateData)
    {
        ArgumentNullException.ThrowIfNull(lateData);
        return new(_stream, _assigner, _trigger, _allowedLateness, lateData, _evictor, _counters, _noSlicing);
    }

    /// <summary>Trims each window's records at every firing, before and/or after the window function; the window then buffers its records.</summary>
    /// <param name="evictor">What to remove; a <see cref="WindowEvictor{T}"/> must be of this stream's record type.</param>
    public WindowedStream<TKey, T> Evictor(WindowEvictor evictor)
    {
        ArgumentNullException.ThrowIfNull(evictor);
        if (evictor.RecordType is { } type && type != typeof(T))
        {
            throw new ArgumentException($"The evictor works on records of {type.Name}, but this windowed stream's records are {typeof(T).Name}.", nameof(evictor));
        }

        return new(_stream, _assigner, _trigger, _allowedLateness, _lateData, evictor, _counters, _noSlicing);
    }

    /// <summary>Reports live windows, dropped late records and firings of the operator to <paramref name="counters"/>.</summary>
    /// <param name="counters">The counters to update.</param>
    public WindowedStream<TKey, T> WithCounters(WindowCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        return new(_stream, _assigner, _trigger, _allowedLateness, _lateData, _evictor, counters, _noSlicing);
    }

    /// <summary>
    /// Keeps windows on the per-window path even where the operator would slice sliding windows into panes or keep
    /// tumbling windows in a table per window (its aligned path); the paths must be indistinguishable, and the tests
    /// check that by running both.
    /// </summary>
    internal WindowedStream<TKey, T> WithoutSlicing() =>
        new(_stream, _assigner, _trigger, _allowedLateness, _lateData, _evictor, _counters, noSlicing: true);

    /// <summary>Aggregates each window incrementally with <paramref name="function"/> (it must merge for session windows).</summary>
    /// <typeparam name="TAccumulator">The accumulator.</typeparam>
    /// <typeparam name="TResult">The result.</typeparam>
    /// <param name="function">The aggregation.</param>
    public IObservable<StreamElement<WindowResult<TKey, TResult>>> Aggregate<TAccumulator, TResult>(IAggregateFunction<T, TAccumulator, TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Incremental<TAccumulator, TResult, IAggregateFunction<T, TAccumulator, TResult>>(function, "WindowAggregate");
    }

    /// <summary>The number of records in each window.</summary>
    public IObservable<StreamElement<WindowResult<TKey, long>>> Count() =>
        Incremental<long, long, CountFunction<T>>(default, "WindowCount");

    /// <summary>
    /// The sum of a numeric field per window, in the field's own type. Overflow is checked (for integers and
    /// <see cref="decimal"/>): it fails the stream with a <see cref="StreamOperatorException"/> naming <c>WindowSum</c>,
    /// whose inner exception is the <see cref="OverflowException"/>. Floating-point sums follow IEEE rules (infinity).
    /// </summary>
    /// <typeparam name="TNumber">The number type.</typeparam>
    /// <param name="selector">The field.</param>
    public IObservable<StreamElement<WindowResult<TKey, TNumber>>> Sum<TNumber>(Func<T, TNumber> selector)
        where TNumber : INumber<TNumber>
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Incremental<TNumber, TNumber, SumFunction<T, TNumber>>(new(selector), "WindowSum");
    }

    /// <summary>
    /// The arithmetic mean of a numeric field per window. As with <c>Enumerable.Average</c>, sums of integers never
    /// overflow (they are kept in a <see cref="long"/>, or an <see cref="Int128"/> for 64-bit integers).
    /// </summary>
    /// <typeparam name="TNumber">The number type.</typeparam>
    /// <param name="selector">The field.</param>
    public IObservable<StreamElement<WindowResult<TKey, double>>> Average<TNumber>(Func<T, TNumber> selector)
        where TNumber : INumber<TNumber>
    {
        ArgumentNullException.ThrowIfNull(selector);
        return AverageSum.Build<TNumber, IObservable<StreamElement<WindowResult<TKey, double>>>>(new WindowAverage<TNumber>(this, selector));
    }

    /// <summary>The smallest value of a field per window.</summary>
    /// <typeparam name="TValue">The field type.</typeparam>
    /// <param name="selector">The field.</param>
    /// <param name="comparer">How values order; the default comparer when null.</param>
    public IObservable<StreamElement<WindowResult<TKey, TValue>>> Min<TValue>(Func<T, TValue> selector, IComparer<TValue>? comparer = null) =>
        Incremental<ExtremumAccumulator<T, TValue>, TValue, ExtremumValueFunction<T, TValue>>(new(Extremum(selector, false, comparer)), "WindowMin");

    /// <summary>The largest value of a field per window.</summary>
    /// <typeparam name="TValue">The field type.</typeparam>
    /// <param name="selector">The field.</param>
    /// <param name="comparer">How values order; the default comparer when null.</param>
    public IObservable<StreamElement<WindowResult<TKey, TValue>>> Max<TValue>(Func<T, TValue> selector, IComparer<TValue>? comparer = null) =>
        Incremental<ExtremumAccumulator<T, TValue>, TValue, ExtremumValueFunction<T, TValue>>(new(Extremum(selector, true, comparer)), "WindowMax");

    /// <summary>The record with the smallest field value per window (the first on ties).</summary>
    /// <typeparam name="TValue">The field type.</typeparam>
    /// <param name="selector">The field.</param>
    /// <param name="comparer">How values order; the default comparer when null.</param>
    public IObservable<StreamElement<WindowResult<TKey, T>>> MinBy<TValue>(Func<T, TValue> selector, IComparer<TValue>? comparer = null) =>
        Incremental<ExtremumAccumulator<T, TValue>, T, ExtremumRecordFunction<T, TValue>>(new(Extremum(selector, false, comparer)), "WindowMinBy");

    /// <summary>The record with the largest field value per window (the first on ties).</summary>
    /// <typeparam name="TValue">The field type.</typeparam>
    /// <param name="selector">The field.</param>
    /// <param name="comparer">How values order; the default comparer when null.</param>
    public IObservable<StreamElement<WindowResult<TKey, T>>> MaxBy<TValue>(Func<T, TValue> selector, IComparer<TValue>? comparer = null) =>
        Incremental<ExtremumAccumulator<T, TValue>, T, ExtremumRecordFunction<T, TValue>>(new(Extremum(selector, true, comparer)), "WindowMaxBy");

    /// <summary>Combines each window's records pairwise with <paramref name="reduce"/>.</summary>
    /// <param name="reduce">Combines two records into one.</param>
    public IObservable<StreamElement<WindowResult<TKey, T>>> Reduce(Func<T, T, T> reduce)
    {
        ArgumentNullException.ThrowIfNull(reduce);
        return Incremental<ReduceAccumulator<T>, T, ReduceFunction<T>>(new(reduce), "WindowReduce");
    }

    /// <summary>
    /// Full-window processing: at each firing <paramref name="process"/> gets the key, the window and the window's
    /// records in arrival order (after the evictor, if any; when session windows merge, the merged sessions' records follow one another, each in arrival order). The list is only valid during the call. The window buffers
    /// its records, so prefer an aggregation where one fits.
    /// </summary>
    /// <typeparam name="TResult">The result.</typeparam>
    /// <param name="process">Computes the window's result.</param>
    public IObservable<StreamElement<WindowResult<TKey, TResult>>> Process<TResult>(Func<TKey, TimeWindow, IReadOnlyList<T>, TResult> process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var settings = Settings();
        var evictor = _evictor;
        return new WindowOperator<TKey, T, List<Record<T>>, TResult, BufferedContents<TKey, T, TResult>>(
            settings, () => new BufferedContents<TKey, T, TResult>(evictor, process), "WindowProcess");
    }

    /// <summary>
    /// Full-window processing that emits zero or more results per firing (Flink's <c>ProcessWindowFunction</c>), each a
    /// <see cref="WindowResult{TKey, TValue}"/> with the firing's window, firing kind and index; the function also sees
    /// the watermark, the clock, a per-window state that is checkpointed with the window, a per-key global state and side
    /// outputs. Its <see cref="ProcessWindowFunction{TKey, T, TOut, TWindowState}.Open"/> runs once per subscription.
    /// </summary>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <typeparam name="TWindowState">The per-window state type.</typeparam>
    /// <param name="function">The window function.</param>
    public IObservable<StreamElement<WindowResult<TKey, TOut>>> Process<TOut, TWindowState>(ProcessWindowFunction<TKey, T, TOut, TWindowState> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var evictor = _evictor;
        var merging = _assigner.IsMerging;
        var settings = Settings();
        var keys = _stream.Comparer;
        return new WindowOperator<TKey, T, (List<Record<T>> Records, TWindowState State), TOut, ProcessContents<TKey, T, TOut, TWindowState>>(
            settings, () => new ProcessContents<TKey, T, TOut, TWindowState>(function, evictor, merging, keys, settings.ProcessingTimeScheduler, "WindowProcess"), "WindowProcess");
    }

    private IObservable<StreamElement<WindowResult<TKey, TResult>>> Incremental<TAcc, TResult, TFunction>(TFunction function, string name)
        where TFunction : IAggregateFunction<T, TAcc, TResult>
    {
        if (_evictor is null)
        {
            return new WindowOperator<TKey, T, TAcc, TResult, AggregateContents<TKey, T, TAcc, TResult, TFunction>>(
                Settings(), () => new AggregateContents<TKey, T, TAcc, TResult, TFunction>(function), name);
        }

        // An evictor needs the records themselves: buffer them and aggregate what remains at each firing.
        return Process((_, _, records) =>
        {
            var accumulator = function.CreateAccumulator();
            for (var i = 0; i < records.Count; i++)
            {
                function.Add(ref accumulator, records[i]);
            }

            return function.GetResult(accumulator);
        });
    }

    private WindowSettings<TKey, T> Settings()
    {
        var trigger = _trigger ?? _assigner.DefaultTrigger;
        return new WindowSettings<TKey, T>
        {
            Stream = _stream,
            Assigner = _assigner,
            Trigger = trigger,
            AllowedLateness = _allowedLateness,
            LateData = _lateData,
            Counters = _counters,
            ProcessingTimeScheduler = WindowSettings<TKey, T>.ClockOf(_assigner, trigger),
            AllowSlicing = !_noSlicing,
        };
    }

    private static ExtremumFunction<T, TValue> Extremum<TValue>(Func<T, TValue> selector, bool maximum, IComparer<TValue>? comparer)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return new(selector, maximum, comparer ?? Comparer<TValue>.Default);
    }

    private sealed class WindowAverage<TNumber>(WindowedStream<TKey, T> stream, Func<T, TNumber> selector)
        : IAverageBuilder<IObservable<StreamElement<WindowResult<TKey, double>>>>
        where TNumber : INumber<TNumber>
    {
        public IObservable<StreamElement<WindowResult<TKey, double>>> Build<TSum>()
            where TSum : INumber<TSum> =>
            stream.Incremental<AverageAccumulator<TSum>, double, AverageFunction<T, TNumber, TSum>>(new(selector), "WindowAverage");
    }
}
