using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Threading;

namespace RxStreams.Checkpoints;

/// <summary>
/// One attempt of a checkpointed job: the operators that registered while the pipeline was subscribed (each with a
/// stable uid), the checkpoint they restore from, and the checkpoints in flight until every participant acknowledged
/// them. Operators find it as <see cref="Current"/> while they are subscribed; without one, they run without checkpoints.
/// </summary>
internal sealed class JobRuntime
{
    private static readonly AsyncLocal<JobRuntime?> CurrentRuntime = new();

    private readonly CheckpointSnapshot? _restored;
    private readonly bool _allowNonRestoredState;
    private readonly Action<long, IReadOnlyList<(ParticipantHandle Handle, SnapshotPart Part)>> _acknowledged;
    private static readonly AsyncLocal<TaskInfo?> CurrentTask = new();

    private readonly Dictionary<(string Uid, int Subtask), ParticipantHandle> _participants = [];
    private readonly Dictionary<(string Name, int Subtask), int> _derivedUids = [];
    private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);
    private readonly List<ICheckpointSource> _sources = [];
    private readonly List<ParticipantHandle> _finished = [];
    private readonly List<string> _unreplayable = [];
    private readonly List<string> _uncheckpointed = [];
    private readonly List<(string, Sinks.SinkGuarantee)> _sinks = [];
    private readonly Dictionary<long, List<(ParticipantHandle, SnapshotPart)>> _pending = [];
    private readonly object _gate = new();
    private readonly bool _asynchronous;
    private readonly Action<long, Exception> _failed;
    private readonly HashSet<long> _aligned = [];
    private readonly Dictionary<long, TimeSpan> _alignments = [];
    private bool _sealed;

    /// <summary>Creates the runtime of one attempt.</summary>
    /// <param name="scheduler">Where sources read and checkpoints start, one at a time.</param>
    /// <param name="restored">The checkpoint to restore from, if any.</param>
    /// <param name="mode">Whether multi-input operators align barriers.</param>
    /// <param name="allowNonRestoredState">Whether state of operators this job lacks may be left unrestored.</param>
    /// <param name="asynchronous">Whether participants finish their snapshots off their own thread.</param>
    /// <param name="acknowledged">Called when every participant acknowledged a checkpoint, on the thread of the last one.</param>
    /// <param name="failed">Called when a participant's asynchronous part fails; the checkpoint is aborted.</param>
    public JobRuntime(
        IScheduler scheduler,
        CheckpointSnapshot? restored,
        CheckpointingMode mode,
        bool allowNonRestoredState,
        bool asynchronous,
        Action<long, IReadOnlyList<(ParticipantHandle Handle, SnapshotPart Part)>> acknowledged,
        Action<long, Exception> failed)
    {
        _asynchronous = asynchronous;
        _failed = failed;
        Scheduler = scheduler;
        _restored = restored;
        Mode = mode;
        _allowNonRestoredState = allowNonRestoredState;
        _acknowledged = acknowledged;
    }

    /// <summary>The runtime of the job being subscribed on this logical thread, if any.</summary>
    public static JobRuntime? Current => CurrentRuntime.Value;

    /// <summary>Where sources read and checkpoints start, one at a time.</summary>
    public IScheduler Scheduler { get; }

    /// <summary>Whether multi-input operators align barriers (exactly-once state) or not (at-least-once).</summary>
    public CheckpointingMode Mode { get; }

    /// <summary>The parallel task whose operators are being subscribed on this logical thread; the single task otherwise.</summary>
    public static TaskInfo Task => CurrentTask.Value ?? TaskInfo.Single;

    /// <summary>The uids registered, each once, in registration order.</summary>
    public IReadOnlyCollection<string> Uids
    {
        get
        {
            var uids = new List<string>();
            foreach (var (uid, _) in _participants.Keys)
            {
                if (!uids.Contains(uid))
                {
                    uids.Add(uid);
                }
            }

            return uids;
        }
    }

    /// <summary>The names of the sources that cannot be replayed (see <see cref="DeclareUnreplayable"/>).</summary>
    public IReadOnlyList<string> UnreplayableSources => _unreplayable;

    /// <summary>What the job promises for each record across failures.</summary>
    public DeliveryGuarantee Guarantee { get; init; } = DeliveryGuarantee.ExactlyOnce;

    /// <summary>The sinks of this attempt, each task's once, with what they promise.</summary>
    public IReadOnlyList<(string Name, Sinks.SinkGuarantee Guarantee)> Sinks => _sinks;

    /// <summary>Notes a sink of the pipeline, for the delivery guarantee check at start.</summary>
    public void DeclareSink(string name, Sinks.SinkGuarantee guarantee)
    {
        lock (_gate)
        {
            _sinks.Add((name, guarantee));
        }
    }

    /// <summary>
    /// At-most-once: where each source (by uid and subtask) stood when the previous attempt stopped, as the position at
    /// the start of its last step and the records it handed on since; a restart resumes there instead of replaying.
    /// </summary>
    public Dictionary<(string Uid, int Subtask), (byte[] StepStart, long Handed)> ResumePositions { get; init; } = [];

    /// <summary>Records where a source stood when its attempt stopped (at-most-once).</summary>
    public void RecordResumePosition(string uid, int subtask, byte[] stepStart, long handed)
    {
        lock (ResumePositions)
        {
            ResumePositions[(uid, subtask)] = (stepStart, handed);
        }
    }

    /// <summary>Where a source resumes under at-most-once, if its previous attempt recorded it.</summary>
    public bool TryGetResumePosition(string uid, int subtask, out (byte[] StepStart, long Handed) position)
    {
        lock (ResumePositions)
        {
            return ResumePositions.TryGetValue((uid, subtask), out position);
        }
    }

    /// <summary>Failures a crash test injects into this attempt; null in a normal run.</summary>
    public Testing.FaultInjector? Faults { get; init; }

    /// <summary>The reasons given for the parts of the pipeline accepted as not checkpointed.</summary>
    public IReadOnlyList<string> UncheckpointedParts => _uncheckpointed;

    /// <summary>Notes a part of the pipeline the user accepted as not checkpointed.</summary>
    public void DeclareUncheckpointed(string reason)
    {
        lock (_gate)
        {
            _uncheckpointed.Add(reason);
        }
    }

    /// <summary>Notes a source whose records a restart cannot bring back: at-most-once for them.</summary>
    public void DeclareUnreplayable(string name)
    {
        lock (_gate)
        {
            _unreplayable.Add(name);
        }
    }

    /// <summary>
    /// Fails the subscription of an operator whose state checkpoints do not hold yet when it runs in a checkpointed
    /// job, so a restart cannot quietly lose that state.
    /// </summary>
    public static void ThrowIfCheckpointed(string operatorName)
    {
        if (Current is not null)
        {
            throw new NotSupportedException(
                $"Operator '{operatorName}' does not take part in checkpoints yet, so a restarted job could not restore its state. " +
                "Run it outside a StreamJob, or keep the state in a keyed Process function.");
        }
    }

    /// <summary>Makes <paramref name="task"/> the task of the operators subscribed until the returned scope is disposed.</summary>
    public static IDisposable EnterTask(TaskInfo task)
    {
        var previous = CurrentTask.Value;
        CurrentTask.Value = task;
        return Disposable.Create(() => CurrentTask.Value = previous);
    }

    /// <summary>Makes <paramref name="runtime"/> current until the returned scope is disposed.</summary>
    public static IDisposable Activate(JobRuntime runtime)
    {
        var previous = CurrentRuntime.Value;
        CurrentRuntime.Value = runtime;
        return Disposable.Create(() => CurrentRuntime.Value = previous);
    }

    /// <summary>
    /// Registers a participant under <paramref name="uid"/> (or, when null, <c>{operatorName}#{n}</c> in subscription
    /// order) and restores its state when the checkpoint has some.
    /// </summary>
    /// <param name="participant">The participant.</param>
    /// <param name="operatorName">Its operator's name, for messages and the derived uid.</param>
    /// <param name="uid">Its stable id, or null to derive one.</param>
    /// <param name="explicitTask">Its task, when not the one being subscribed (an exchange's consumer tasks).</param>
    public ParticipantHandle Register(ICheckpointParticipant participant, string operatorName, string? uid, TaskInfo? explicitTask = null)
    {
        lock (_gate)
        {
            if (_sealed)
            {
                throw new InvalidOperationException(
                    $"Operator '{operatorName}' was subscribed after the job started; a checkpointed job subscribes its whole pipeline at once.");
            }

            var task = explicitTask ?? Task;
            if (uid is null)
            {
                // Counted per task, so the same operator of every parallel task gets the same uid.
                var n = _derivedUids.GetValueOrDefault((operatorName, task.Subtask)) + 1;
                _derivedUids[(operatorName, task.Subtask)] = n;
                uid = $"{operatorName}#{n}";
            }

            if (participant is IKeyedParticipant && task.Parallelism > 1 && !task.KeyPartitioned)
            {
                throw new NotSupportedException(
                    $"Keyed operator '{operatorName}' runs in parallel task {task.Subtask} of {task.Parallelism}, whose input is not partitioned by key " +
                    "(a parallel source, or a rebalance): its state could not be split by key group and restored. " +
                    "Put a PartitionByKey on the operator's key in front of it.");
            }

            if (_participants.ContainsKey((uid, task.Subtask)))
            {
                throw new InvalidOperationException(
                    $"Two operators of the job have uid '{uid}': give each stateful operator its own with .Uid(\"...\").");
            }

            var handle = new ParticipantHandle(this, participant, uid, operatorName, task);
            _participants.Add((uid, task.Subtask), handle);
            if (participant is ICheckpointSource source)
            {
                _sources.Add(source);
            }

            if (_restored is not null && _restored.Operators.TryGetValue(uid, out var snapshot))
            {
                _claimed.Add(uid);
                try
                {
                    Faults?.DuringRestore(uid);
                    participant.Restore(snapshot, task);
                }
                catch (Exception ex) when (ex is not CheckpointRestoreException and not Testing.InjectedFailureException)
                {
                    throw new CheckpointRestoreException(
                        $"Restoring operator '{operatorName}' (uid '{uid}') from checkpoint {_restored.CheckpointId} failed: {ex.Message}", ex);
                }
            }

            return handle;
        }
    }

    /// <summary>
    /// Ends registration once the pipeline is subscribed: state in the checkpoint that no operator claimed fails the
    /// job (Flink's <c>allowNonRestoredState</c> lets it go).
    /// </summary>
    /// <param name="complete">
    /// False when the pipeline ended while it was being subscribed (a parallel task failed at once): its operators did
    /// not all register, so unclaimed state says nothing, and the failure is handled as any other.
    /// </param>
    public void Seal(bool complete = true)
    {
        lock (_gate)
        {
            _sealed = true;
            if (_restored is null || _allowNonRestoredState || !complete)
            {
                return;
            }

            var unclaimed = new List<string>();
            foreach (var uid in _restored.Operators.Keys)
            {
                if (!_claimed.Contains(uid))
                {
                    unclaimed.Add(uid);
                }
            }

            if (unclaimed.Count > 0)
            {
                unclaimed.Sort(StringComparer.Ordinal);
                throw new CheckpointRestoreException(
                    $"Checkpoint {_restored.CheckpointId} holds state of operators this job does not have: {string.Join(", ", unclaimed)}. " +
                    $"The job's operators are: {string.Join(", ", Uids)}. Give operators the uids they had with .Uid(\"...\"), " +
                    "or allow non-restored state to drop it.");
            }
        }
    }

    /// <summary>
    /// Starts checkpoint <paramref name="checkpointId"/>: every source records its position and emits the barrier; with
    /// <paramref name="suspendSources"/> (stop-with-savepoint) the sources then read nothing more until <see cref="ResumeSources"/>.
    /// </summary>
    public void Trigger(long checkpointId, bool suspendSources = false)
    {
        ICheckpointSource[] sources;
        lock (_gate)
        {
            if (!_sealed)
            {
                throw new InvalidOperationException("A checkpoint was triggered before the job was subscribed.");
            }

            _pending.Add(checkpointId, []);
            if (suspendSources)
            {
                _aligned.Add(checkpointId);
            }

            sources = _sources.ToArray();
        }

        foreach (var source in sources)
        {
            source.EmitBarrier(checkpointId, suspendSources);
        }

        ParticipantHandle[] finished;
        lock (_gate)
        {
            finished = [.. _finished];
        }

        foreach (var handle in finished)
        {
            handle.OnBarrier(checkpointId);
        }
    }

    /// <summary>Lets the sources read on after a stop-with-savepoint failed.</summary>
    public void ResumeSources()
    {
        ICheckpointSource[] sources;
        lock (_gate)
        {
            sources = _sources.ToArray();
        }

        foreach (var source in sources)
        {
            source.Resume();
        }
    }

    /// <summary>A participant whose input ended: checkpoints take its final state without waiting for a barrier.</summary>
    internal void Finish(ParticipantHandle handle)
    {
        lock (_gate)
        {
            _finished.Add(handle);
            if (handle.Participant is ICheckpointSource source)
            {
                _sources.Remove(source);
            }
        }
    }

    /// <summary>
    /// Whether exchange tasks take checkpoints unaligned: at once when a barrier is announced, with the records in
    /// flight in front of it as part of the checkpoint (Flink's unaligned checkpoints). Savepoints are always aligned.
    /// </summary>
    public bool Unaligned { get; init; }

    /// <summary>True when the job made its scheduler itself (none was given): parallel sources may then read on threads of their own.</summary>
    public bool SchedulerIsOwn { get; init; }

    /// <summary>True when checkpoint <paramref name="checkpointId"/> must be aligned everywhere even in an unaligned job (a savepoint).</summary>
    public bool IsAligned(long checkpointId)
    {
        if (!Unaligned)
        {
            return true;
        }

        lock (_gate)
        {
            return _aligned.Contains(checkpointId);
        }
    }

    /// <summary>A multi-input point held an input for <paramref name="duration"/> while it aligned checkpoint <paramref name="checkpointId"/>.</summary>
    public void OnAligned(long checkpointId, TimeSpan duration)
    {
        lock (_gate)
        {
            if (!_alignments.TryGetValue(checkpointId, out var longest) || duration > longest)
            {
                _alignments[checkpointId] = duration;
            }
        }
    }

    /// <summary>The longest alignment of checkpoint <paramref name="checkpointId"/> (zero when nothing aligned), forgotten after.</summary>
    public TimeSpan TakeAlignment(long checkpointId)
    {
        lock (_gate)
        {
            foreach (var older in new List<long>(_alignments.Keys))
            {
                if (older < checkpointId)
                {
                    _alignments.Remove(older);
                }
            }

            return _alignments.Remove(checkpointId, out var longest) ? longest : TimeSpan.Zero;
        }
    }

    /// <summary>True when checkpoint <paramref name="checkpointId"/> is a savepoint, which every backend writes full and canonical.</summary>
    public bool IsSavepoint(long checkpointId)
    {
        lock (_gate)
        {
            return _aligned.Contains(checkpointId);
        }
    }

    /// <summary>True while some participant's input has not ended, so checkpoints may still be taken.</summary>
    public bool HasUnfinishedParticipants
    {
        get
        {
            lock (_gate)
            {
                return _finished.Count < _participants.Count;
            }
        }
    }

    /// <summary>Where keyed process functions of this job keep their state.</summary>
    public State.StateBackend StateBackend { get; init; } = State.StateBackend.Default;

    /// <summary>How many elements a multi-input operator may hold while it aligns barriers.</summary>
    public int AlignmentCapacity { get; init; } = int.MaxValue;

    /// <summary>A checkpoint that an operator gave up: aborted, and reported as failed with <paramref name="reason"/>.</summary>
    public void Decline(long checkpointId, string reason)
    {
        Abort(checkpointId);
        _failed(checkpointId, new InvalidOperationException($"Checkpoint {checkpointId} was declined: {reason}."));
    }

    /// <summary>Drops a checkpoint in flight (it timed out or the attempt ended).</summary>
    public void Abort(long checkpointId)
    {
        lock (_gate)
        {
            _pending.Remove(checkpointId);
        }
    }

    /// <summary>The checkpoint is durable: tell every participant (sinks commit here).</summary>
    public void NotifyComplete(long checkpointId)
    {
        ParticipantHandle[] handles;
        lock (_gate)
        {
            handles = [.. _participants.Values];
        }

        foreach (var handle in handles)
        {
            handle.Participant.NotifyCheckpointComplete(checkpointId);
        }
    }

    internal void Acknowledge(ParticipantHandle handle, long checkpointId, PendingSnapshot pending)
    {
        if (pending.Rest is not { } rest)
        {
            Acknowledge(handle, checkpointId, pending.Done!);
            return;
        }

        if (!_asynchronous)
        {
            Acknowledge(handle, checkpointId, rest());
            return;
        }

        System.Threading.Tasks.Task.Run(() =>
        {
            SnapshotPart part;
            try
            {
                part = rest();
            }
            catch (Exception ex)
            {
                Abort(checkpointId);
                _failed(checkpointId, new InvalidOperationException(
                    $"The asynchronous part of checkpoint {checkpointId} failed in operator '{handle.OperatorName}' (uid '{handle.Uid}'): {ex.Message}", ex));
                return;
            }

            Acknowledge(handle, checkpointId, part);
        });
    }

    private void Acknowledge(ParticipantHandle handle, long checkpointId, SnapshotPart part)
    {
        foreach (var group in part.KeyGroups)
        {
            if (!handle.Task.OwnsKeyGroup(group.KeyGroup))
            {
                // Restored, this state would reach a task the keys' records never reach: the checkpoint would be wrong.
                var owner = group.KeyGroup * handle.Task.Parallelism / TaskInfo.MaxParallelism;
                Abort(checkpointId);
                _failed(checkpointId, new InvalidOperationException(
                    $"Checkpoint {checkpointId} failed: operator '{handle.OperatorName}' (uid '{handle.Uid}') in parallel task {handle.Task.Subtask} of " +
                    $"{handle.Task.Parallelism} holds state of key group {group.KeyGroup}, which task {owner} owns: its records are keyed by something " +
                    "other than the exchange in front of it partitions by. Partition with PartitionByKey on the key the operator uses."));
                return;
            }
        }

        List<(ParticipantHandle, SnapshotPart)>? complete = null;
        lock (_gate)
        {
            if (!_pending.TryGetValue(checkpointId, out var parts))
            {
                // A barrier of a checkpoint that was aborted, or of an attempt before this one.
                return;
            }

            parts.Add((handle, part));
            if (parts.Count == _participants.Count)
            {
                _pending.Remove(checkpointId);
                complete = parts;

                // Older checkpoints still in flight are subsumed: a barrier of theirs was given up somewhere.
                foreach (var older in new List<long>(_pending.Keys))
                {
                    if (older < checkpointId)
                    {
                        _pending.Remove(older);
                    }
                }
            }
        }

        if (complete is not null)
        {
            _acknowledged(checkpointId, complete);
        }
    }
}
