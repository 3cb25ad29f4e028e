using System;
using System.Collections.Generic;

namespace RxStreams.Checkpoints;

/// <summary>
/// The output of one parallel task's segment: while it is subscribed, the operators it creates register with a
/// checkpointed job as that task's, so they restore the key groups the task owns.
/// </summary>
internal sealed class TaskScope<T>(IObservable<StreamElement<T>> inner, TaskInfo task) : IObservable<StreamElement<T>>, Graph.IDataflowNode
{
    public string NodeName => "Task";

    public IEnumerable<object> Inputs => [inner];

    public IDisposable Subscribe(IObserver<StreamElement<T>> observer)
    {
        using (JobRuntime.EnterTask(task))
        {
            return inner.Subscribe(observer);
        }
    }
}
