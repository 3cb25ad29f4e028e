using System;
using System.Threading;
using RxStreams.Diagnostics;

namespace RxStreams.Time;

/// <summary>What a running <c>WithEventTime</c> shows a <see cref="WindowExplainer"/>.</summary>
internal sealed partial class TimestampsAndWatermarks<TIn, TOut, TStage>
{
    private sealed partial class Sink : ISourceProbe
    {
        // Null unless a WindowExplainer watches this subscription: then it notes each record's arrival.
        private readonly SourceActivity? _activity;

        long ISourceProbe.Watermark => Volatile.Read(ref _watermark);

        bool ISourceProbe.IsIdle => Volatile.Read(ref _idle);

        bool ISourceProbe.IsCompleted => Volatile.Read(ref _stopped);

        TimeSpan? ISourceProbe.IdleTimeout => _input.Strategy.IdleTimeout;

        long? ISourceProbe.Bound => (_generator as BoundedOutOfOrdernessGenerator<TIn>)?.Bound;
    }
}
