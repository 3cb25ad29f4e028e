using System;
using System.Collections.Generic;
using RxStreams.Checkpoints;

namespace RxStreams.Sinks;

/// <summary>
/// The end of a pipeline in a <see cref="Sink{T}"/>: one <see cref="SinkRun{T}"/> (and so one writer) per subscription.
/// Records stop here; watermarks, barriers and completion pass on.
/// </summary>
internal sealed class SinkOperator<T>(IObservable<StreamElement<T>> source, Sink<T> sink)
    : IObservable<StreamElement<T>>, Graph.IDataflowNode, IOperatorIdentity, ISinkNode
{
    public Sink<T> Sink => sink;

    public string Name => sink.Name;

    public string? Uid { get; set; }

    public string SinkName => sink.Name;

    public SinkGuarantee Guarantee => sink.Guarantee;

    string Graph.IDataflowNode.NodeName => $"Sink: {sink.Name}";

    IEnumerable<object> Graph.IDataflowNode.Inputs => [source];

    public IDisposable Subscribe(IObserver<StreamElement<T>> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var run = new SinkRun<T>(this, observer);
        run.Start(source);
        return run;
    }
}
