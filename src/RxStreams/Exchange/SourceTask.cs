using System;
using System.Reactive.Disposables;
using System.Threading;

namespace RxStreams.Exchanges;

/// <summary>
/// A parallel source task: subscribes one partition's source on a thread of its own, so a synchronous source and the
/// segment chained to it run there, beside the other partitions.
/// </summary>
internal sealed class SourceTask<T>(IObservable<StreamElement<T>> source, string name) : IDisposable
{
    private readonly TaskInput<T> _output = new();
    private readonly SingleAssignmentDisposable _subscription = new();

    /// <summary>The partition's elements, on the task's thread.</summary>
    public IObservable<StreamElement<T>> Output => _output;

    /// <summary>The task's thread, once started.</summary>
    public Thread? Thread { get; private set; }

    public void Start()
    {
        if (Checkpoints.JobRuntime.Current is not null)
        {
            // In a checkpointed job the source registers before the job seals its operators, and reads in steps on the
            // job's scheduler (so a barrier falls between two of its records): subscribing here pushes nothing yet.
            _subscription.Disposable = source.Subscribe(_output);
            return;
        }

        var thread = new Thread(() =>
        {
            try
            {
                _subscription.Disposable = source.Subscribe(_output);
            }
            catch (Exception ex)
            {
                // Subscribing threw instead of calling OnError: report it the Rx way rather than kill the process.
                _output.OnError(ex);
            }
        })
        { IsBackground = true, Name = name };
        Thread = thread;
        thread.Start();
    }

    public void Dispose() => _subscription.Dispose();
}
