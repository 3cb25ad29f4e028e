using System;

namespace RxStreams.Testing;

/// <summary>Where a <see cref="CrashTest"/> may inject failures.</summary>
[Flags]
public enum FailurePoints
{
    /// <summary>Nowhere.</summary>
    None = 0,

    /// <summary>While a source hands on a record (as a user function throwing in it would).</summary>
    InRecord = 1,

    /// <summary>Right after a checkpoint's barriers were emitted, before it completes.</summary>
    AtBarrier = 2,

    /// <summary>After a checkpoint is stored, before its participants hear it completed: sinks have pre-committed, not committed.</summary>
    BeforeCommit = 4,

    /// <summary>While an operator restores its state after a restart.</summary>
    DuringRestore = 8,

    /// <summary>All of them.</summary>
    All = InRecord | AtBarrier | BeforeCommit | DuringRestore,
}
