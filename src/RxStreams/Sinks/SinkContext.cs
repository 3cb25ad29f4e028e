using System;
using System.Globalization;
using System.Reactive.Concurrency;

namespace RxStreams.Sinks;

/// <summary>
/// Where one writer of a sink runs: the sink's uid, its parallel subtask, and whether a checkpointed job drives it.
/// Transactional writers name what they begin with <see cref="NewTransactionName"/>, so after a crash they can find
/// the transactions of their own subtask (and, when the job was rescaled, of the old subtasks they take over) and abort them.
/// </summary>
public sealed class SinkContext
{
    /// <summary>Creates a context (the <c>SinkTo</c> operator does this; tests of a writer may too).</summary>
    /// <param name="sinkName">The sink's name, for messages.</param>
    /// <param name="uid">The sink operator's stable id: its <c>.Uid(...)</c>, or its name and place.</param>
    /// <param name="subtask">This writer's parallel subtask, 0 to <paramref name="parallelism"/> − 1.</param>
    /// <param name="parallelism">How many parallel writers the sink has.</param>
    /// <param name="isCheckpointed">True inside a checkpointed job.</param>
    /// <param name="scheduler">The scheduler the sink's batch timer runs on.</param>
    /// <exception cref="ArgumentException">A name is empty, or the subtask is out of range.</exception>
    public SinkContext(string sinkName, string uid, int subtask, int parallelism, bool isCheckpointed, IScheduler scheduler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sinkName);
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(subtask);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(subtask, parallelism);
        ArgumentNullException.ThrowIfNull(scheduler);
        SinkName = sinkName;
        Uid = uid;
        Subtask = subtask;
        Parallelism = parallelism;
        IsCheckpointed = isCheckpointed;
        Scheduler = scheduler;
    }

    /// <summary>The sink's name, for messages.</summary>
    public string SinkName { get; }

    /// <summary>The sink operator's stable id (<c>.Uid(...)</c>); the same in every attempt and every parallel writer.</summary>
    public string Uid { get; }

    /// <summary>This writer's parallel subtask.</summary>
    public int Subtask { get; }

    /// <summary>How many parallel writers the sink has.</summary>
    public int Parallelism { get; }

    /// <summary>True inside a checkpointed job (transactions commit when checkpoints complete); false outside one.</summary>
    public bool IsCheckpointed { get; }

    /// <summary>The scheduler of the sink's batch timer.</summary>
    public IScheduler Scheduler { get; }

    /// <summary>
    /// True when this writer takes care of what subtask <paramref name="subtask"/> left behind (of this or an earlier
    /// run, at any parallelism): subtask <c>s</c> of <c>p</c> claims every old subtask <c>j</c> with <c>j mod p = s</c>.
    /// </summary>
    public bool ClaimsSubtask(int subtask) => subtask >= 0 && subtask % Parallelism == Subtask;

    /// <summary>
    /// A fresh, unique transaction name that carries the sink's uid and this subtask: <c>{uid}.{subtask}.{32 hex digits}</c>.
    /// </summary>
    public string NewTransactionName() =>
        string.Create(CultureInfo.InvariantCulture, $"{Uid}.{Subtask}.{Guid.NewGuid():N}");

    /// <summary>
    /// True when <paramref name="name"/> was made by <see cref="NewTransactionName"/> for this sink's uid by a subtask
    /// this writer claims (<see cref="ClaimsSubtask"/>): a transaction it must commit or abort after a crash.
    /// </summary>
    public bool IsOwnTransaction(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var last = name.LastIndexOf('.');
        if (last <= 0)
        {
            return false;
        }

        var middle = name.LastIndexOf('.', last - 1);
        return middle > 0
            && name.AsSpan(0, middle).SequenceEqual(Uid)
            && int.TryParse(name.AsSpan(middle + 1, last - middle - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var subtask)
            && ClaimsSubtask(subtask);
    }

    /// <summary>"sink 'name' (uid 'u', subtask s of p)", for messages.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"sink '{SinkName}' (uid '{Uid}', subtask {Subtask} of {Parallelism})");
}
