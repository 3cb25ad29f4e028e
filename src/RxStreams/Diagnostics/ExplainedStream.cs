using System;
using System.Collections.Generic;
using RxStreams.Graph;

namespace RxStreams.Diagnostics;

/// <summary>
/// The stream <c>WithExplainer</c> returns: subscribing it subscribes the pipeline with the explainer current, so its
/// operators register with it. Not an operator: it is not a node of the dataflow graph.
/// </summary>
internal sealed class ExplainedStream<T>(IObservable<StreamElement<T>> source, WindowExplainer explainer) : IObservable<StreamElement<T>>, IGraphDescribable
{
    public IDisposable Subscribe(IObserver<StreamElement<T>> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        explainer.Attach(source, subscribing: true);
        using (explainer.Enter())
        {
            return source.Subscribe(observer);
        }
    }

    public IReadOnlyList<int> Describe(GraphBuilder graph) => graph.Walk(source, 1);
}
