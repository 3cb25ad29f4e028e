using System;
using System.Reactive.Concurrency;
using RxStreams.Time;

namespace RxStreams;

/// <summary>
/// How an event-time stream decides its watermarks, like Flink's <c>WatermarkStrategy</c>: a generator
/// (bounded out-of-orderness, monotonous, punctuated or custom), optionally emitted on a processing-time period,
/// optionally with idleness detection. Immutable; the <c>With…</c> methods return a new strategy.
/// </summary>
/// <remarks>
/// Without <see cref="WithPeriodicEmit"/> the generator is asked for a watermark after every record, and a watermark
/// is emitted only when it is higher than the last one. With it, watermarks are emitted on the scheduler's ticks.
/// </remarks>
public sealed class WatermarkStrategy
{
    private readonly GeneratorFactory _factory;
    private readonly Type? _recordType;

    private WatermarkStrategy(GeneratorFactory factory, Type? recordType, TimeSpan? periodicInterval, IScheduler? periodicScheduler, TimeSpan? idleTimeout, IScheduler? idleScheduler)
    {
        _factory = factory;
        _recordType = recordType;
        PeriodicInterval = periodicInterval;
        PeriodicScheduler = periodicScheduler;
        IdleTimeout = idleTimeout;
        IdleScheduler = idleScheduler;
    }

    /// <summary>The processing-time period of watermark emission, or null to emit after every record.</summary>
    public TimeSpan? PeriodicInterval { get; }

    /// <summary>The scheduler of periodic emission.</summary>
    public IScheduler? PeriodicScheduler { get; }

    /// <summary>How long the stream may be silent before it is marked idle, or null for never.</summary>
    public TimeSpan? IdleTimeout { get; }

    /// <summary>The processing-time scheduler that measures idleness.</summary>
    public IScheduler? IdleScheduler { get; }

    /// <summary>Without a periodic interval: how many records pass between two asks for a watermark (1: after every record).</summary>
    public int EmitEveryRecords { get; private init; } = 1;

    /// <summary>Watermark = highest timestamp seen − <paramref name="maxOutOfOrderness"/>: records up to that much behind the newest are on time.</summary>
    /// <param name="maxOutOfOrderness">How far a record may lag the newest one seen.</param>
    public static WatermarkStrategy ForBoundedOutOfOrderness(TimeSpan maxOutOfOrderness)
    {
        var bound = EventTime.ToMilliseconds(maxOutOfOrderness, nameof(maxOutOfOrderness));
        return new(new BoundedFactory(bound), null, null, null, null, null);
    }

    /// <summary>Timestamps ascend: watermark = highest timestamp seen, so a record with an equal timestamp is still on time.</summary>
    public static WatermarkStrategy ForMonotonousTimestamps() =>
        new(new BoundedFactory(0), null, null, null, null, null);

    /// <summary>Watermarks carried by the records themselves: <paramref name="watermarkOf"/> returns one for a record, or null.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="watermarkOf">Given a record and its timestamp, the watermark it carries, or null.</param>
    public static WatermarkStrategy ForPunctuated<T>(Func<T, long, long?> watermarkOf)
    {
        ArgumentNullException.ThrowIfNull(watermarkOf);
        return new(new TypedFactory<T>(() => new PunctuatedGenerator<T>(watermarkOf)), typeof(T), null, null, null, null);
    }

    /// <summary>A custom generator; <paramref name="createGenerator"/> is called once per subscription.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="createGenerator">Creates a fresh generator.</param>
    public static WatermarkStrategy ForGenerator<T>(Func<IWatermarkGenerator<T>> createGenerator)
    {
        ArgumentNullException.ThrowIfNull(createGenerator);
        return new(new TypedFactory<T>(createGenerator), typeof(T), null, null, null, null);
    }

    /// <summary>No watermarks until the stream completes (then <see cref="Watermark.MaxValue"/>).</summary>
    public static WatermarkStrategy NoWatermarks() => new(new NoWatermarksFactory(), null, null, null, null, null);

    /// <summary>Emits watermarks every <paramref name="interval"/> of processing time instead of after every record.</summary>
    /// <param name="interval">The emission period; must be positive.</param>
    /// <param name="scheduler">The processing-time scheduler (a <c>TestScheduler</c> in tests).</param>
    public WatermarkStrategy WithPeriodicEmit(TimeSpan interval, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The periodic interval must be positive.");
        }

        return new(_factory, _recordType, interval, scheduler, IdleTimeout, IdleScheduler) { EmitEveryRecords = EmitEveryRecords };
    }

    /// <summary>
    /// Marks the stream idle when no record arrives for <paramref name="timeout"/> of processing time, so that it stops
    /// holding back the watermark of a merge; the next record marks it active again.
    /// </summary>
    /// <param name="timeout">The silence after which the stream is idle; must be positive.</param>
    /// <param name="scheduler">The processing-time scheduler.</param>
    public WatermarkStrategy WithIdleness(TimeSpan timeout, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The idle timeout must be positive.");
        }

        return new(_factory, _recordType, PeriodicInterval, PeriodicScheduler, timeout, scheduler) { EmitEveryRecords = EmitEveryRecords };
    }

    /// <summary>
    /// Asks the generator for a watermark after every <paramref name="records"/> records instead of after each one: the
    /// record-count analogue of Flink's periodic emission, with no clock and no lock. Watermarks then trail by up to that
    /// many records, so windows fire that much later; which records are late does not change unless they arrive in that gap.
    /// </summary>
    /// <param name="records">Records per watermark decision; at least 1.</param>
    public WatermarkStrategy WithEmitEvery(int records)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(records, 1);
        return new(_factory, _recordType, PeriodicInterval, PeriodicScheduler, IdleTimeout, IdleScheduler) { EmitEveryRecords = records };
    }

    /// <summary>Throws when this strategy was built for another record type.</summary>
    internal void Validate<T>(string paramName)
    {
        if (_recordType is not null && !_recordType.IsAssignableFrom(typeof(T)))
        {
            throw new ArgumentException($"The watermark strategy was built for records of type {_recordType.Name}, but the stream carries {typeof(T).Name}.", paramName);
        }
    }

    /// <summary>A fresh generator for one subscription.</summary>
    internal IWatermarkGenerator<T> CreateGenerator<T>() => _factory.Create<T>();

    private abstract class GeneratorFactory
    {
        public abstract IWatermarkGenerator<T> Create<T>();
    }

    private sealed class BoundedFactory(long bound) : GeneratorFactory
    {
        public override IWatermarkGenerator<T> Create<T>() => new BoundedOutOfOrdernessGenerator<T>(bound);
    }

    private sealed class NoWatermarksFactory : GeneratorFactory
    {
        public override IWatermarkGenerator<T> Create<T>() => new NoWatermarksGenerator<T>();
    }

    private sealed class TypedFactory<TRecord>(Func<IWatermarkGenerator<TRecord>> create) : GeneratorFactory
    {
        // Validate<T> has checked that T is TRecord or derives from it (or converts to it by boxing). The contravariant
        // cast holds for reference types; a value-type T (a strategy for object fed ints) needs the converting adapter.
        public override IWatermarkGenerator<T> Create<T>()
        {
            var generator = create();
            return generator as IWatermarkGenerator<T> ?? new ConvertingGenerator<T>(generator);
        }

        private sealed class ConvertingGenerator<T>(IWatermarkGenerator<TRecord> inner) : IWatermarkGenerator<T>
        {
            public void OnEvent(T value, long timestamp, IWatermarkOutput output) => inner.OnEvent((TRecord)(object)value!, timestamp, output);

            public void OnPeriodicEmit(IWatermarkOutput output) => inner.OnPeriodicEmit(output);
        }
    }
}
