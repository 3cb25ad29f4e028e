using Microsoft.CodeAnalysis;

namespace RxStreams.Analyzers;

/// <summary>The diagnostics that <see cref="PlainRxOperatorAnalyzer"/> reports.</summary>
internal static class Descriptors
{
    private const string Category = "RxStreams.EventTime";

    /// <summary>RXS0001: a System.Reactive.Linq operator applied to an event-time stream sees its control elements as values.</summary>
    public static readonly DiagnosticDescriptor PlainOperator = new(
        "RXS0001",
        "Plain Rx operator on an event-time stream",
        "Observable.{0} on the event-time stream '{1}' treats watermarks and other control elements as values; {2}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An event-time stream carries records, watermarks, idle marks and checkpoint barriers in one IObservable<StreamElement<T>>. " +
            "Operators of System.Reactive.Linq see all of them as values: Count counts watermarks, Take drops Wmax so windows downstream never fire. " +
            "Work on the values (.Values()) or use RxStreams' event-time version of the operator.");

    /// <summary>RXS0002: a processing-time System.Reactive.Linq operator applied to an event-time stream.</summary>
    public static readonly DiagnosticDescriptor ProcessingTimeOperator = new(
        "RXS0002",
        "Processing-time Rx operator on an event-time stream",
        "Observable.{0} on the event-time stream '{1}' works in processing time and treats watermarks and other control elements as values; " +
            "group by event time with a window (WindowAll or KeyBy(...).Window with TumblingEventTimeWindows, SlidingEventTimeWindows or EventTimeSessionWindows), or call .Values() first to leave event time",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Throttle, Sample, Delay, Timeout, Buffer and Window by time and other operators that take a TimeSpan or a scheduler count wall-clock time, " +
            "not event time, and pass watermarks along as values. Event-time grouping is what windows do.");
}
