using System.Collections.Generic;
using RxStreams.Checkpoints;

namespace RxStreams.State;

/// <summary>
/// A backend's own snapshot of its states, taken at a barrier (a RocksDB checkpoint of its files): finished off the
/// operator's thread into a handle, and the shared files it references.
/// </summary>
internal interface INativeSnapshot
{
    /// <summary>The backend's name in the handle, so a restore knows who can read it.</summary>
    string Backend { get; }

    /// <summary>Writes the handle, adding the shared files it references to <paramref name="shared"/>; call once.</summary>
    byte[] Complete(List<SharedStateFile> shared);
}
