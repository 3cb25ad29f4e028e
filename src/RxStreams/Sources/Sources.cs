using System;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace RxStreams;

/// <summary>Sources for tests, benchmarks and demos.</summary>
public static class Sources
{
    /// <summary>
    /// Replays <paramref name="items"/> as fast as the pipeline takes them: <c>Subscribe</c> pushes every item on the
    /// calling thread, then completes, with no scheduler in between (unlike Rx's <c>ToObservable()</c>, which goes through
    /// one per item). Use it for pre-generated input in benchmarks and tests; the subscription cannot stop it part-way.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items, in order; the array is read, not copied.</param>
    public static IObservable<T> FromArray<T>(T[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new RxStreams.Ingestion.ArraySource<T>(items);
    }

    /// <summary>
    /// A generator of keyed records at a configured rate on a processing-time scheduler: at each tick it emits the
    /// records due by then (rate × elapsed time), with keys drawn from a seeded, optionally Zipf-skewed distribution.
    /// Deterministic under a <c>TestScheduler</c>. Without a rate, it emits all <see cref="GeneratorOptions.Count"/>
    /// records at once with timestamps one millisecond apart.
    /// </summary>
    /// <param name="options">Rate, keys, skew, count, seed.</param>
    /// <param name="scheduler">The processing-time scheduler.</param>
    public static IObservable<GeneratedEvent> Generate(GeneratorOptions options, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scheduler);
        options.Validate();
        if (options.RatePerSecond is null && options.Count is null)
        {
            throw new ArgumentException("An unlimited rate needs a count.", nameof(options));
        }

        return Observable.Create<GeneratedEvent>(observer =>
        {
            var keys = new KeySampler(options.Keys, options.Skew, options.Seed);
            var start = scheduler.Now;
            long emitted = 0;
            var limit = options.Count ?? long.MaxValue;
            if (options.RatePerSecond is null)
            {
                return scheduler.Schedule(() =>
                {
                    var startMs = start.ToUnixTimeMilliseconds();
                    for (; emitted < limit; emitted++)
                    {
                        observer.OnNext(new GeneratedEvent(emitted, keys.Next(), startMs + emitted));
                    }

                    observer.OnCompleted();
                });
            }

            var rate = options.RatePerSecond.Value;
            var timer = new SerialDisposable();
            timer.Disposable = scheduler.SchedulePeriodic(options.TickInterval, () =>
            {
                var now = scheduler.Now;
                var due = Math.Min(limit, Due((now - start).Ticks, rate));
                var timestamp = now.ToUnixTimeMilliseconds();
                for (; emitted < due; emitted++)
                {
                    observer.OnNext(new GeneratedEvent(emitted, keys.Next(), timestamp));
                }

                if (emitted == limit)
                {
                    observer.OnCompleted();
                    timer.Dispose();
                }
            });
            return timer;
        });
    }

    /// <summary>
    /// Records due after <paramref name="elapsedTicks"/> at <paramref name="rate"/> per second. In decimal, so that whole
    /// products stay whole: in double, 1.001 s × 1,000/s is 1000.999…, which would emit a record one tick late.
    /// </summary>
    private static long Due(long elapsedTicks, double rate) =>
        rate < 1e9
            ? (long)decimal.Floor(elapsedTicks * (decimal)rate / TimeSpan.TicksPerSecond)
            : (long)Math.Floor(elapsedTicks / (double)TimeSpan.TicksPerSecond * rate);

    /// <summary>Draws keys uniformly or by a Zipf law from a cumulative distribution.</summary>
    private sealed class KeySampler
    {
        private readonly Random _random;
        private readonly double[]? _cumulative;
        private readonly int _keys;

        public KeySampler(int keys, double skew, int seed)
        {
            _random = new Random(seed);
            _keys = keys;
            if (skew > 0)
            {
                _cumulative = new double[keys];
                var sum = 0.0;
                for (var k = 0; k < keys; k++)
                {
                    sum += 1 / Math.Pow(k + 1, skew);
                    _cumulative[k] = sum;
                }

                for (var k = 0; k < keys; k++)
                {
                    _cumulative[k] /= sum;
                }
            }
        }

        public int Next()
        {
            if (_cumulative is null)
            {
                return _random.Next(_keys);
            }

            var index = Array.BinarySearch(_cumulative, _random.NextDouble());
            return Math.Min(index < 0 ? ~index : index, _keys - 1);
        }
    }
}
