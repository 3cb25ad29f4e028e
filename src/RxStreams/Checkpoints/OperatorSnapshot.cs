using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RxStreams.Checkpoints;

/// <summary>
/// The state of one operator in a checkpoint: keyed state by key group, non-keyed state by subtask, and the serializer
/// of each named state so a restore can check that it reads the format the state was written in.
/// </summary>
public sealed class OperatorSnapshot
{
    /// <summary>Creates the snapshot of one operator.</summary>
    /// <param name="uid">The operator's stable id, which matches its state across job versions.</param>
    /// <param name="operatorName">The operator's display name, for messages.</param>
    /// <param name="keyedState">Keyed state, at most one entry per key group.</param>
    /// <param name="operatorState">Non-keyed state, at most one entry per subtask.</param>
    /// <param name="schema">State name → serializer id and version, as <see cref="State.StateSerializers.SchemaOf{T}"/> gives it (for example <c>count</c> → <c>i64@1</c>).</param>
    /// <exception cref="ArgumentException">An id or name is empty, a key group or subtask is repeated or out of range.</exception>
    public OperatorSnapshot(
        string uid,
        string operatorName,
        IEnumerable<KeyGroupState>? keyedState = null,
        IEnumerable<SubtaskState>? operatorState = null,
        IReadOnlyDictionary<string, string>? schema = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(uid);
        ArgumentNullException.ThrowIfNull(operatorName);
        Uid = uid;
        OperatorName = operatorName;
        KeyedState = (keyedState ?? []).OrderBy(k => k.KeyGroup).ToArray();
        OperatorState = (operatorState ?? []).OrderBy(s => s.Subtask).ToArray();
        Schema = new Dictionary<string, string>(schema ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        Check();
    }

    /// <summary>The operator's stable id.</summary>
    public string Uid { get; }

    /// <summary>The operator's display name.</summary>
    public string OperatorName { get; }

    /// <summary>Keyed state, ordered by key group.</summary>
    public IReadOnlyList<KeyGroupState> KeyedState { get; }

    /// <summary>Non-keyed state, ordered by subtask.</summary>
    public IReadOnlyList<SubtaskState> OperatorState { get; }

    /// <summary>State name → serializer id and version.</summary>
    public IReadOnlyDictionary<string, string> Schema { get; }

    /// <summary>The shared files of the checkpoint this operator belongs to, by key (set by <see cref="CheckpointSnapshot"/>).</summary>
    internal IReadOnlyDictionary<string, SharedStateFile> SharedFiles { get; set; } = new Dictionary<string, SharedStateFile>();

    private void Check()
    {
        for (var i = 0; i < KeyedState.Count; i++)
        {
            if (KeyedState[i].KeyGroup < 0 || (i > 0 && KeyedState[i].KeyGroup == KeyedState[i - 1].KeyGroup))
            {
                throw new ArgumentException(Describe($"key group {KeyedState[i].KeyGroup} is negative or repeated"));
            }
        }

        for (var i = 0; i < OperatorState.Count; i++)
        {
            var s = OperatorState[i];
            if (s.Parallelism < 1 || s.Subtask < 0 || s.Subtask >= s.Parallelism || (i > 0 && s.Subtask == OperatorState[i - 1].Subtask))
            {
                throw new ArgumentException(Describe($"subtask {s.Subtask} of parallelism {s.Parallelism} is out of range or repeated"));
            }
        }
    }

    private string Describe(string what) => string.Create(CultureInfo.InvariantCulture, $"Operator '{OperatorName}' (uid '{Uid}'): {what}.");
}
