using System;
using RxStreams.Diagnostics;

namespace RxStreams;

/// <summary>Attaching a <see cref="WindowExplainer"/> to a pipeline.</summary>
public static class ExplainerExtensions
{
    /// <summary>
    /// The same stream, explained by <paramref name="explainer"/>: each subscription of the returned stream lets the
    /// explainer read the operators of that subscription (the latest one replaces the previous). Records and
    /// watermarks pass unchanged; the stream is not a node of the dataflow graph.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="stream">The pipeline's output, for example a window operator's results.</param>
    /// <param name="explainer">The explainer to report to.</param>
    public static IObservable<StreamElement<T>> WithExplainer<T>(this IObservable<StreamElement<T>> stream, WindowExplainer explainer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(explainer);
        explainer.Attach(stream, subscribing: false);
        return new ExplainedStream<T>(stream, explainer);
    }
}
