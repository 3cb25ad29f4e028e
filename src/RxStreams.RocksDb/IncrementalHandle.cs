using System;
using System.Collections.Generic;
using System.IO;
using RxStreams.Checkpoints;
using RxStreams.State;

namespace RxStreams.RocksDb;

/// <summary>
/// The files of one RocksDB checkpoint (RocksDB's Checkpoint API) as an incremental checkpoint holds them: SST files
/// by the key of the shared file that holds them, the small private files (MANIFEST, CURRENT, OPTIONS) inline.
/// </summary>
internal sealed class IncrementalHandle
{
    /// <summary>The backend name in the operator's state.</summary>
    public const string Backend = "rocksdb";

    private const int Version = 1;

    /// <summary>SST file name → shared file key.</summary>
    public Dictionary<string, string> Shared { get; } = new(StringComparer.Ordinal);

    /// <summary>Private file name → content.</summary>
    public Dictionary<string, byte[]> Private { get; } = new(StringComparer.Ordinal);

    public byte[] Encode()
    {
        using var writer = new StateWriter();
        writer.WriteVarInt64(Version);
        writer.WriteVarInt64(Shared.Count);
        foreach (var (name, key) in Shared)
        {
            writer.WriteString(name);
            writer.WriteString(key);
        }

        writer.WriteVarInt64(Private.Count);
        foreach (var (name, content) in Private)
        {
            writer.WriteString(name);
            writer.WriteVarInt64(content.Length);
            writer.WriteBytes(content);
        }

        return writer.ToArray();
    }

    public static IncrementalHandle Decode(ReadOnlySpan<byte> bytes, OperatorSnapshot snapshot)
    {
        var reader = new StateReader(bytes);
        var version = reader.ReadVarInt64();
        if (version != Version)
        {
            throw new CheckpointRestoreException(
                $"The RocksDB files of operator '{snapshot.OperatorName}' (uid '{snapshot.Uid}') are listed in version {version}, but this release reads version {Version}.");
        }

        var handle = new IncrementalHandle();
        for (var n = reader.ReadLength(allowNull: false); n > 0; n--)
        {
            handle.Shared.Add(Name(ref reader), Name(ref reader));
        }

        for (var n = reader.ReadLength(allowNull: false); n > 0; n--)
        {
            var name = Name(ref reader);
            handle.Private.Add(name, reader.ReadBytes(reader.ReadLength(allowNull: false)).ToArray());
        }

        return handle;
    }

    /// <summary>Writes every file into <paramref name="directory"/>, the shared ones from the checkpoint's shared files.</summary>
    public void Materialize(string directory, OperatorSnapshot snapshot)
    {
        foreach (var (name, key) in Shared)
        {
            if (!snapshot.SharedFiles.TryGetValue(key, out var file) || file.Data.IsEmpty)
            {
                throw new CheckpointRestoreException(
                    $"The checkpoint lacks shared file '{key}' ({name}) of operator '{snapshot.OperatorName}' (uid '{snapshot.Uid}'): it is torn or its storage lost the file.");
            }

            File.WriteAllBytes(Path.Combine(directory, Safe(name)), file.Data.Span);
        }

        foreach (var (name, content) in Private)
        {
            File.WriteAllBytes(Path.Combine(directory, Safe(name)), content);
        }
    }

    private static string Name(ref StateReader reader) =>
        reader.ReadString() ?? throw new StateSerializationException("corrupt state: a RocksDB file handle has a null name.");

    private static string Safe(string name) =>
        name.Length > 0 && name.IndexOfAny(['/', '\\']) < 0 && name is not ("." or "..")
            ? name
            : throw new StateSerializationException($"corrupt state: RocksDB file name '{name}' is not a plain file name.");
}
