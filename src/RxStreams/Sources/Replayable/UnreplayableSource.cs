using System;
using RxStreams.Checkpoints;

namespace RxStreams.Ingestion;

/// <summary>
/// A plain observable admitted into a checkpointed job as a source it cannot replay: barriers are put between its
/// records under a lock (its records may come on any thread), but no position is kept, so a restart subscribes to it
/// again and its records between the last checkpoint and the failure are lost (at-most-once for them).
/// </summary>
internal sealed class UnreplayableSource<T>(IObservable<T> source, string name) : IObservable<T>, Graph.IDataflowNode, IOperatorIdentity
{
    public string Name => name;

    public string? Uid { get; set; }

    string Graph.IDataflowNode.NodeName => name;

    System.Collections.Generic.IEnumerable<object> Graph.IDataflowNode.Inputs => [];

    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (JobRuntime.Current is not { } job)
        {
            return source.Subscribe(observer);
        }

        var run = new Run(observer, this, job);
        run.Subscription.Disposable = source.Subscribe(run);
        return run.Subscription;
    }

    private sealed class Run : IObserver<T>, ICheckpointSource
    {
        private readonly IObserver<T> _observer;
        private readonly IBarrierReceiver _barriers;
        private readonly ParticipantHandle _checkpoints;
        private readonly object _gate = new();
        private bool _done;

        public Run(IObserver<T> observer, UnreplayableSource<T> parent, JobRuntime job)
        {
            _observer = observer;
            _barriers = observer as IBarrierReceiver ?? throw new InvalidOperationException(
                $"Source '{parent.Name}' in a checkpointed job must be read by WithEventTime directly, which carries its checkpoint barriers.");
            _checkpoints = job.Register(this, parent.Name, parent.Uid ?? parent.Name);
            job.DeclareUnreplayable(parent.Name);
        }

        public System.Reactive.Disposables.SingleAssignmentDisposable Subscription { get; } = new();

        public void OnNext(T value)
        {
            lock (_gate)
            {
                if (!_done)
                {
                    _observer.OnNext(value);
                }
            }
        }

        public void OnError(Exception error)
        {
            lock (_gate)
            {
                _done = true;
                _observer.OnError(error);
            }
        }

        public void OnCompleted()
        {
            lock (_gate)
            {
                _done = true;
                _checkpoints.Finish();
                _observer.OnCompleted();
            }
        }

        // An observable cannot be paused: its records after a savepoint are lost with the stopped job (at-most-once).
        public void EmitBarrier(long checkpointId, bool suspend)
        {
            lock (_gate)
            {
                if (_done)
                {
                    return;
                }

                _checkpoints.OnBarrier(checkpointId);
                _barriers.OnBarrier(checkpointId);
            }
        }

        public void Resume()
        {
        }

        public PendingSnapshot Snapshot(long checkpointId) => SnapshotPart.Empty;

        public void Restore(OperatorSnapshot snapshot, TaskInfo task)
        {
        }

        public void NotifyCheckpointComplete(long checkpointId)
        {
        }
    }
}
