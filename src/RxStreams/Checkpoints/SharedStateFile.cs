using System;

namespace RxStreams.Checkpoints;

/// <summary>
/// A file that incremental checkpoints share (an SST file of a RocksDB state backend): stored once under
/// <paramref name="Key"/> and kept by the storage while any retained checkpoint references it. In a snapshot being
/// stored, <paramref name="Data"/> is the content of a file new in that checkpoint and empty for one an earlier
/// checkpoint already stored; in a loaded snapshot it is always the content. Equality compares <paramref name="Data"/>
/// by reference.
/// </summary>
/// <param name="Key">The file's name in the storage's shared area: letters, digits, '-', '_' and '.'.</param>
/// <param name="Data">The content, or empty when an earlier checkpoint stored it.</param>
public readonly record struct SharedStateFile(string Key, ReadOnlyMemory<byte> Data)
{
    /// <summary>Throws when <see cref="Key"/> is empty or could name something outside the shared area.</summary>
    internal void Validate()
    {
        if (string.IsNullOrEmpty(Key) || Key.Length > 200 || Key[0] == '.')
        {
            throw new ArgumentException($"Shared state file key '{Key}' is empty, too long or starts with '.'.");
        }

        foreach (var c in Key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new ArgumentException($"Shared state file key '{Key}' has the character '{c}': only letters, digits, '-', '_' and '.' are allowed.");
            }
        }
    }
}
