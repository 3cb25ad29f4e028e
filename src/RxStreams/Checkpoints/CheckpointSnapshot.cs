using System;
using System.Collections.Generic;
using System.Globalization;

namespace RxStreams.Checkpoints;

/// <summary>
/// A consistent snapshot of every operator's state at one checkpoint barrier, like Flink's completed checkpoint.
/// A savepoint is the same content taken on request and kept until deleted by hand.
/// </summary>
public sealed class CheckpointSnapshot
{
    /// <summary>The layout version that this release writes and the newest it reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The default number of key groups.</summary>
    public const int DefaultMaxParallelism = 128;

    /// <summary>The largest number of key groups (Flink's upper bound).</summary>
    public const int UpperMaxParallelism = 32768;

    /// <summary>Creates a snapshot.</summary>
    /// <param name="checkpointId">The checkpoint id, increasing over a job's life; not negative.</param>
    /// <param name="timestamp">When the checkpoint was triggered.</param>
    /// <param name="operators">The state of each operator; uids must be distinct.</param>
    /// <param name="isSavepoint">True for a savepoint, which retention never deletes.</param>
    /// <param name="maxParallelism">The number of key groups, 1 to <see cref="UpperMaxParallelism"/>.</param>
    /// <param name="sharedFiles">The shared files the operators' state references (incremental checkpoints); none for a savepoint.</param>
    /// <exception cref="ArgumentException">An argument is out of range, a uid repeats, a key group is not below <paramref name="maxParallelism"/>, or a shared file key is invalid or repeated.</exception>
    public CheckpointSnapshot(
        long checkpointId,
        DateTimeOffset timestamp,
        IEnumerable<OperatorSnapshot> operators,
        bool isSavepoint = false,
        int maxParallelism = DefaultMaxParallelism,
        IEnumerable<SharedStateFile>? sharedFiles = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(checkpointId);
        ArgumentNullException.ThrowIfNull(operators);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxParallelism, UpperMaxParallelism);
        CheckpointId = checkpointId;
        Timestamp = timestamp;
        IsSavepoint = isSavepoint;
        MaxParallelism = maxParallelism;
        var byUid = new Dictionary<string, OperatorSnapshot>(StringComparer.Ordinal);
        foreach (var op in operators)
        {
            ArgumentNullException.ThrowIfNull(op, nameof(operators));
            if (!byUid.TryAdd(op.Uid, op))
            {
                throw new ArgumentException($"Checkpoint {checkpointId}: two operators have uid '{op.Uid}'.", nameof(operators));
            }

            foreach (var group in op.KeyedState)
            {
                if (group.KeyGroup >= maxParallelism)
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"Checkpoint {checkpointId}: operator '{op.Uid}' has key group {group.KeyGroup}, but there are only {maxParallelism} key groups."),
                        nameof(operators));
                }
            }
        }

        Operators = byUid;
        var shared = new Dictionary<string, SharedStateFile>(StringComparer.Ordinal);
        foreach (var file in sharedFiles ?? [])
        {
            file.Validate();
            if (!shared.TryAdd(file.Key, file))
            {
                throw new ArgumentException($"Checkpoint {checkpointId}: shared file '{file.Key}' is listed twice.", nameof(sharedFiles));
            }
        }

        if (isSavepoint && shared.Count > 0)
        {
            throw new ArgumentException($"Savepoint {checkpointId} references shared files: savepoints are self-contained.", nameof(sharedFiles));
        }

        SharedFiles = shared;
        foreach (var op in byUid.Values)
        {
            op.SharedFiles = shared;
        }
    }

    /// <summary>This snapshot with <paramref name="sharedFiles"/> as its shared files (a storage attaches them when it loads one).</summary>
    internal CheckpointSnapshot WithSharedFiles(IEnumerable<SharedStateFile> sharedFiles) =>
        new(CheckpointId, Timestamp, Operators.Values, IsSavepoint, MaxParallelism, sharedFiles);

    /// <summary>The shared files the operators' state references, by key (incremental checkpoints); empty otherwise.</summary>
    public IReadOnlyDictionary<string, SharedStateFile> SharedFiles { get; }

    /// <summary>The checkpoint id.</summary>
    public long CheckpointId { get; }

    /// <summary>When the checkpoint was triggered.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>True for a savepoint.</summary>
    public bool IsSavepoint { get; }

    /// <summary>The layout version of this snapshot; always <see cref="CurrentFormatVersion"/>, since older or newer layouts are refused when read.</summary>
    public int FormatVersion { get; } = CurrentFormatVersion;

    /// <summary>The number of key groups that keyed state is split into.</summary>
    public int MaxParallelism { get; }

    /// <summary>The operators' state, by uid.</summary>
    public IReadOnlyDictionary<string, OperatorSnapshot> Operators { get; }
}
