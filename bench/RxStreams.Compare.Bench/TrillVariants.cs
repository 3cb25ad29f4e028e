using System;
using System.Collections.Generic;
#if TRILL
using System.Globalization;
using Microsoft.StreamProcessing;
#endif

namespace RxStreams.Compare.Bench;

/// <summary>
/// The Trill (Microsoft.StreamProcessing) variants, compiled in when bench/trill/build.sh has built Trill. Each workload's
/// records go through Trill's ingress once (point events at their timestamps, reordered within the disorder bound,
/// <c>DisorderPolicy.Throw</c> so a late record fails the run), into a <c>StreamCache</c>: the timed runs replay its
/// batches (of <c>Config.DataBatchSize</c>, by default 80,000 rows) through the query into a sink that reads the output
/// batches, as Trill's own performance tests do. A second row for Select→Where ends in Trill's per-event observer.
/// Trill's windows snap a record at t to the next boundary at or after t (offset 0); with offset slide − 1 they hold
/// [k · slide, k · slide + size) as RxStreams' do, and a result at sync time V is the window starting at V + 1 − size.
/// </summary>
internal static class TrillVariants
{
#if TRILL
    public static string Description => string.Create(CultureInfo.InvariantCulture,
        $"Microsoft.StreamProcessing {typeof(Streamable).Assembly.GetName().Version}, batches of {Config.DataBatchSize:N0}");

    public static void Configure(Options options)
    {
        if (Config.DataBatchSize != options.TrillBatch)
        {
            Config.DataBatchSize = options.TrillBatch;
        }
    }

    /// <summary>The workload's records in a Trill cache, built on first use (in a warm-up run), so a filtered-out Trill costs nothing.</summary>
    private static StreamCache<Empty, Event> Cache(Data data)
    {
        if (data.TrillCache is StreamCache<Empty, Event> cache)
        {
            return cache;
        }

        cache = Ingress(data).Cache();
        data.TrillCache = cache;
        Console.WriteLine($"  Trill input cached: {(IsColumnar(cache.Properties) ? "columnar" : "ROW-ORIENTED (Trill could not take the payload type apart)")} batches");
        return cache;
    }

    // StreamProperties.IsColumnar is internal; the bench reports it so that a row-oriented fallback does not go unseen.
    private static bool IsColumnar(object properties) =>
        properties.GetType().GetProperty("IsColumnar", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
            ?.GetValue(properties) is true;

    /// <summary>The raw records through Trill's ingress, reordered within the bound: the counterpart of <c>WithEventTime</c>.</summary>
    private static IStreamable<Empty, Event> Ingress(Data data) =>
        System.Reactive.Linq.Observable.Select(Sources.FromArray(data.Events), static e => StreamEvent.CreatePoint(e.Timestamp, e))
            .ToStreamable(DisorderPolicy.Throw(data.Disorder));

    public static IEnumerable<Variant> Stateless(Data data)
    {
        static IStreamable<Empty, long> Query(IStreamable<Empty, Event> input) =>
            input.Select(e => (e.Value * 89 / 100) + e.Key).Where(v => (v & 3) != 0);
        yield return new("Trill (cached input, batch sink)", Kind.Trill, () =>
        {
            var sink = new BatchSink<long, LongRow>(0, 0);
            Query(Cache(data)).Subscribe(sink);
            return sink.Checksum;
        });
        yield return new("Trill (cached input, per-event observer)", Kind.Trill, () =>
        {
            var sink = new EventSink();
            Query(Cache(data)).ToStreamEventObservable().Subscribe(sink);
            return sink.Checksum;
        });
        yield return new("Trill from raw records (ingress + reorder)", Kind.Trill, () =>
        {
            var sink = new BatchSink<long, LongRow>(0, 0);
            Query(Ingress(data)).Subscribe(sink);
            return sink.Checksum;
        });
    }

    public static IEnumerable<Variant> KeyedCount(Data data, long size, long slide)
    {
        IStreamable<Empty, KeyCount> Query(IStreamable<Empty, Event> input) =>
            input.HoppingWindowLifetime(size, slide, slide - 1)
                .GroupAggregate(e => e.Key, w => w.Count(), (g, count) => new KeyCount { Key = g.Key, Count = (long)count });
        yield return new("Trill GroupAggregate Count (cached input)", Kind.Trill, () =>
        {
            var sink = new BatchSink<KeyCount, KeyCountRow>(1 - size, slide);
            Query(Cache(data)).Subscribe(sink);
            return sink.Checksum;
        });
        yield return new("Trill from raw records (ingress + reorder)", Kind.Trill, () =>
        {
            var sink = new BatchSink<KeyCount, KeyCountRow>(1 - size, slide);
            Query(Ingress(data)).Subscribe(sink);
            return sink.Checksum;
        });
    }

    public static IEnumerable<Variant> GlobalMax(Data data, long size)
    {
        IStreamable<Empty, long> Query(IStreamable<Empty, Event> input) => input.TumblingWindowLifetime(size, size - 1).Max(e => e.Value);
        yield return new("Trill Max (cached input)", Kind.Trill, () =>
        {
            var sink = new BatchSink<long, WindowValueRow>(1 - size, size);
            Query(Cache(data)).Subscribe(sink);
            return sink.Checksum;
        });
        yield return new("Trill from raw records (ingress + reorder)", Kind.Trill, () =>
        {
            var sink = new BatchSink<long, WindowValueRow>(1 - size, size);
            Query(Ingress(data)).Subscribe(sink);
            return sink.Checksum;
        });
    }

    private interface IRow<TPayload>
    {
        static abstract void Add(ref Checksum checksum, long syncTime, TPayload payload);
    }

    private readonly struct LongRow : IRow<long>
    {
        public static void Add(ref Checksum checksum, long syncTime, long payload) => checksum.AddPlain(payload);
    }

    private readonly struct WindowValueRow : IRow<long>
    {
        public static void Add(ref Checksum checksum, long windowStart, long payload) => checksum.Add(0, windowStart, payload);
    }

    private readonly struct KeyCountRow : IRow<KeyCount>
    {
        public static void Add(ref Checksum checksum, long windowStart, KeyCount payload) => checksum.Add(payload.Key, windowStart, payload.Count);
    }

    /// <summary>
    /// The end of a Trill query: reads each output batch's rows (skipping rows its bitvector filtered out, punctuations
    /// and start edges, whose end edge follows), checksums them and returns the batch to its pool.
    /// </summary>
    private sealed class BatchSink<TPayload, TRow>(long shift, long slide) : IStreamObserver<Empty, TPayload>
        where TRow : IRow<TPayload>
    {
        private Checksum _checksum;
        private bool _completed;

        public Checksum Checksum => _completed ? _checksum : throw new InvalidOperationException("The query did not complete.");

        public Guid ClassId { get; } = Guid.NewGuid();

        public int CurrentlyBufferedOutputCount => 0;

        public int CurrentlyBufferedInputCount => 0;

        public void OnNext(StreamMessage<Empty, TPayload> batch)
        {
            var sync = batch.vsync.col;
            var other = batch.vother.col;
            var absent = batch.bitvector.col;
            for (var i = 0; i < batch.Count; i++)
            {
                if ((absent[i >> 6] & (1L << (i & 63))) != 0 || other[i] == StreamEvent.PunctuationOtherTime || other[i] == StreamEvent.InfinitySyncTime)
                {
                    continue;
                }

                if (slide == 0)
                {
                    TRow.Add(ref _checksum, sync[i] + shift, batch[i]);
                    continue;
                }

                // A windowed result is an interval [start, end), or a start edge and later an end edge (sync time = end,
                // other time = start) that carries the payload again: count it at the interval or the end edge. Trill
                // gives one lifetime to consecutive windows of a key with equal results: one window per hop in it.
                var (start, end) = other[i] > sync[i] ? (sync[i], other[i]) : (other[i], sync[i]);
                var payload = batch[i];
                for (var time = start; time < end; time += slide)
                {
                    TRow.Add(ref _checksum, time + shift, payload);
                }
            }

            batch.Free();
        }

        public void OnError(Exception error) => throw new InvalidOperationException("The query failed.", error);

        public void OnCompleted() => _completed = true;

        public void OnFlush()
        {
        }

        public void ProduceQueryPlan(PlanNode previous)
        {
        }

        public void Checkpoint(System.IO.Stream stream) => throw new NotSupportedException();

        public void Restore(System.IO.Stream stream) => throw new NotSupportedException();

        public void Reset()
        {
        }
    }

    /// <summary>The end of a Trill query through its per-event egress (<c>ToStreamEventObservable</c>).</summary>
    private sealed class EventSink : IObserver<StreamEvent<long>>
    {
        private Checksum _checksum;
        private bool _completed;

        public Checksum Checksum => _completed ? _checksum : throw new InvalidOperationException("The query did not complete.");

        public void OnNext(StreamEvent<long> value)
        {
            if (value.IsData)
            {
                _checksum.AddPlain(value.Payload);
            }
        }

        public void OnError(Exception error) => throw new InvalidOperationException("The query failed.", error);

        public void OnCompleted() => _completed = true;
    }
#else
    public static string Description => "not built (bash bench/trill/build.sh), its variants left out";

    public static void Configure(Options options)
    {
    }

    public static IEnumerable<Variant> Stateless(Data data) => Array.Empty<Variant>();

    public static IEnumerable<Variant> KeyedCount(Data data, long size, long slide) => Array.Empty<Variant>();

    public static IEnumerable<Variant> GlobalMax(Data data, long size) => Array.Empty<Variant>();
#endif
}

#if TRILL
/// <summary>
/// A per-key count, Trill's output payload: public and top-level, with public fields, so that Trill's generated code
/// can see it and keep it in columns (a type nested in a non-public class makes Trill fall back to row batches).
/// </summary>
public struct KeyCount
{
    public long Key;
    public long Count;
}
#endif
