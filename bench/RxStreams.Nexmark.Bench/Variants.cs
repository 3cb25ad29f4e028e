using System;
using RxStreams.Nexmark.Queries;

namespace RxStreams.Nexmark.Bench;

/// <summary>How a query is implemented.</summary>
public enum Variant
{
    /// <summary>The public RxStreams API, as a user writes it.</summary>
    RxStreams,

    /// <summary>Plain Rx.NET.</summary>
    PlainRx,

    /// <summary>A hand-written single-threaded loop over the array.</summary>
    Loop,
}

/// <summary>One implementation of one query, runnable over the pre-generated events.</summary>
/// <param name="Query">The query's name, e.g. q5.</param>
/// <param name="Title">What the query computes.</param>
/// <param name="Variant">The implementation.</param>
/// <param name="Run">Runs the query over all events and returns the checksum of its results.</param>
public sealed record QueryRun(string Query, string Title, Variant Variant, Func<Checksum> Run);

/// <summary>Every query and variant the bench runs, over one set of events.</summary>
public static class Variants
{
    /// <summary>All runs, in table order.</summary>
    /// <param name="events">The pre-generated events.</param>
    /// <param name="config">The generator's settings (the out-of-orderness bound and the longest auction).</param>
    public static QueryRun[] All(Event[] events, GeneratorConfig config)
    {
        var source = Sources.FromArray(events);
        var bound = config.MaxOutOfOrderness;
        var maxAuction = config.MaxAuctionLength;
        IObservable<StreamElement<Event>> Stream() => source.WithNexmarkEventTime(bound);

        return
        [
            new("q0", "pass-through", Variant.RxStreams, () => OnRxStreams(Q0PassThrough.RxStreams(Stream()))),
            new("q0", "pass-through", Variant.PlainRx, () => OnRx(Q0PassThrough.PlainRx(source))),
            new("q0", "pass-through", Variant.Loop, () =>
            {
                var sink = default(LoopChecksum<Bid>);
                Q0PassThrough.Loop(events, ref sink);
                return sink.Checksum;
            }),
            new("q1", "currency conversion", Variant.RxStreams, () => OnRxStreams(Q1CurrencyConversion.RxStreams(Stream()))),
            new("q1", "currency conversion", Variant.PlainRx, () => OnRx(Q1CurrencyConversion.PlainRx(source))),
            new("q1", "currency conversion", Variant.Loop, () =>
            {
                var sink = default(LoopChecksum<Bid>);
                Q1CurrencyConversion.Loop(events, ref sink);
                return sink.Checksum;
            }),
            new("q2", "selection", Variant.RxStreams, () => OnRxStreams(Q2Selection.RxStreams(Stream()))),
            new("q2", "selection", Variant.PlainRx, () => OnRx(Q2Selection.PlainRx(source))),
            new("q2", "selection", Variant.Loop, () =>
            {
                var sink = default(LoopChecksum<AuctionPrice>);
                Q2Selection.Loop(events, ref sink);
                return sink.Checksum;
            }),
            new("q5", "hot items (sliding 10 s / 2 s)", Variant.RxStreams, () => OnRxStreams(Q5HotItems.RxStreams(Stream()))),
            new("q5", "hot items (sliding 10 s / 2 s)", Variant.PlainRx, () => OnRx(Q5HotItems.PlainRx(source, bound))),
            new("q5", "hot items (sliding 10 s / 2 s)", Variant.Loop, () =>
            {
                var sink = default(LoopChecksum<HotItem>);
                Q5HotItems.Loop(events, bound, ref sink);
                return sink.Checksum;
            }),
            new("q7", "highest bid (tumbling 10 s)", Variant.RxStreams, () => OnRxStreams(Q7HighestBid.RxStreams(Stream()))),
            new("q7", "highest bid (tumbling 10 s)", Variant.PlainRx, () => OnRx(Q7HighestBid.PlainRx(source, bound))),
            new("q7", "highest bid (tumbling 10 s)", Variant.Loop, () =>
            {
                var sink = default(LoopChecksum<HighestBid>);
                Q7HighestBid.Loop(events, bound, ref sink);
                return sink.Checksum;
            }),
            new("q3", "local item suggestion (interval join)", Variant.RxStreams, () => OnRxStreams(Q3LocalItemSuggestion.RxStreams(Stream()))),
            new("q4", "average closing price (join, sessions, rolling avg)", Variant.RxStreams, () => OnRxStreams(Q4AverageClosingPrice.RxStreams(Stream(), maxAuction))),
            new("q8", "new users (window join 10 s)", Variant.RxStreams, () => OnRxStreams(Q8NewUsers.RxStreams(Stream()))),
            new("q11", "user sessions (gap 10 s)", Variant.RxStreams, () => OnRxStreams(Q11UserSessions.RxStreams(Stream()))),
        ];
    }

    private static Checksum OnRxStreams<T>(IObservable<StreamElement<T>> query)
        where T : IFingerprint
    {
        var sink = new StreamChecksum<T>();
        query.Subscribe(sink).Dispose();
        return sink.Completed ? sink.Checksum : throw new InvalidOperationException("The query did not complete.");
    }

    private static Checksum OnRx<T>(IObservable<T> query)
        where T : IFingerprint
    {
        var sink = new RxChecksum<T>();
        query.Subscribe(sink).Dispose();
        return sink.Completed ? sink.Checksum : throw new InvalidOperationException("The query did not complete.");
    }
}
