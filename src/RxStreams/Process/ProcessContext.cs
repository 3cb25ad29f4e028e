using System;
using System.Reactive.Concurrency;

namespace RxStreams;

/// <summary>
/// What a process function sees while it handles a record: the record's timestamp, the watermark, the clock, and the
/// outputs (Flink's <c>ProcessFunction.Context</c> and <c>Collector</c>). One instance serves every call of a subscription.
/// </summary>
/// <typeparam name="TOut">The output type.</typeparam>
public class ProcessContext<TOut>
{
    private readonly IObserver<StreamElement<TOut>> _downstream;
    private readonly IScheduler? _clock;

    private protected ProcessContext(IObserver<StreamElement<TOut>> downstream, IScheduler? clock)
    {
        _downstream = downstream;
        _clock = clock;
    }

    /// <summary>
    /// The event time of the record being processed; in <c>OnTimer</c>, the time of an event-time timer, or the current
    /// watermark for a processing-time timer. What <see cref="Collect(TOut)"/> stamps on its output.
    /// </summary>
    public long Timestamp { get; private protected set; }

    /// <summary>The current watermark (exclusive: no record below it is expected); <see cref="long.MinValue"/> before the first.</summary>
    public long CurrentWatermark { get; internal set; } = long.MinValue;

    /// <summary>The scheduler's clock in milliseconds since the Unix epoch. Throws when the operator has no scheduler.</summary>
    public long CurrentProcessingTime => (_clock ?? throw new InvalidOperationException(
        "Processing time needs a clock: pass a scheduler to Process(...).")).Now.ToUnixTimeMilliseconds();

    /// <summary>Emits a result stamped with <see cref="Timestamp"/>.</summary>
    /// <param name="value">The result.</param>
    public void Collect(TOut value) => Emit(StreamElement.Record(value, Timestamp));

    /// <summary>Emits a result with a timestamp of its own; one below the watermark is late downstream.</summary>
    /// <param name="value">The result.</param>
    /// <param name="timestamp">Its event time.</param>
    public void Collect(TOut value, long timestamp) => Emit(StreamElement.Record(value, timestamp));

    /// <summary>Emits to a side output (Flink's <c>ctx.output(tag, value)</c>).</summary>
    /// <typeparam name="T">The side output's item type.</typeparam>
    /// <param name="output">The side output.</param>
    /// <param name="value">The item.</param>
    public void Output<T>(SideOutput<T> output, T value)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.EmitFromFunction(value);
    }

    internal void SetTimestamp(long timestamp) => Timestamp = timestamp;

    /// <summary>
    /// An observer's exception is not the function's: it is carried past the operator's handling of user-code failures
    /// and reaches the producer as it was.
    /// </summary>
    private void Emit(StreamElement<TOut> element)
    {
        try
        {
            _downstream.OnNext(element);
        }
        catch (Exception ex) when (ex is not Processing.DownstreamFailure)
        {
            throw new Processing.DownstreamFailure(ex);
        }
    }

    internal sealed class Plain(IObserver<StreamElement<TOut>> downstream, IScheduler? clock) : ProcessContext<TOut>(downstream, clock);
}
