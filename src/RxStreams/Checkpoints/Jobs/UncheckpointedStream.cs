using System;
using System.Collections.Generic;

namespace RxStreams.Checkpoints;

/// <summary>
/// The output of a part of a checkpointed pipeline that the user accepted as not checkpointed (plain Rx operators or
/// observables upstream of it): the job's start-up check does not look behind it, and a running job lists the reason in
/// <see cref="CheckpointStatistics.UncheckpointedParts"/>.
/// </summary>
internal sealed class UncheckpointedStream<T>(IObservable<StreamElement<T>> inner, string reason) : IObservable<StreamElement<T>>, Graph.IDataflowNode
{
    public string Reason => reason;

    public string NodeName => "Uncheckpointed";

    public IEnumerable<object> Inputs => [inner];

    public IDisposable Subscribe(IObserver<StreamElement<T>> observer)
    {
        JobRuntime.Current?.DeclareUncheckpointed(reason);
        return inner.Subscribe(observer);
    }
}
