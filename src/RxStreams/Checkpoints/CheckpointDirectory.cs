using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using RxStreams.State;

namespace RxStreams.Checkpoints;

/// <summary>
/// One checkpoint's directory: a data file (<see cref="DataFileName"/>) and the <see cref="MetadataFileName"/> commit
/// record written last. Writes and verifies one; a directory whose commit record is missing or invalid, or whose data
/// does not match it, is torn.
/// </summary>
internal static class CheckpointDirectory
{
    public const string DataFileName = "state";
    public const string MetadataFileName = "_metadata";

    /// <summary>The folder of the storage root that holds files incremental checkpoints share; their entries are named <c>shared/&lt;key&gt;</c>.</summary>
    public const string SharedFolder = "shared";

    private const string SharedPrefix = SharedFolder + "/";

    /// <summary>Writes <paramref name="snapshot"/> into the empty directory <paramref name="path"/>: data first, the commit record last.</summary>
    public static void Write(string path, CheckpointSnapshot snapshot)
    {
        // Streamed: the state chunks go to the file as they are, never copied into one buffer of the whole checkpoint.
        var output = new HashedOutput();
        DurableFile.Write(Path.Combine(path, DataFileName), stream => output.Write(stream, snapshot));
        var files = new List<CheckpointFileEntry> { new(DataFileName, output.Length, output.Hash) };
        foreach (var file in snapshot.SharedFiles.Values.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            // New shared files were written (durably) by the storage before this; earlier ones are read back to record their checksum.
            var content = file.Data.IsEmpty ? File.ReadAllBytes(Resolve(path, SharedPrefix + file.Key)) : file.Data.Span;
            files.Add(new CheckpointFileEntry(SharedPrefix + file.Key, content.Length, XxHash64.HashToUInt64(content)));
        }

        var metadata = new CheckpointMetadata(snapshot.CheckpointId, snapshot.IsSavepoint, files);
        DurableFile.Write(Path.Combine(path, MetadataFileName), metadata.Encode());
    }

    /// <summary>The keys of the shared files the committed checkpoint in <paramref name="path"/> references.</summary>
    public static IEnumerable<string> SharedKeys(string path, long checkpointId) =>
        ReadMetadata(path, checkpointId).Files.Where(f => f.Name.StartsWith(SharedPrefix, StringComparison.Ordinal)).Select(f => f.Name[SharedPrefix.Length..]);

    /// <summary>
    /// True when the commit record is valid and every data file has the recorded length. Cheap: the checksums of
    /// the data are verified only by <see cref="Load"/>.
    /// </summary>
    public static bool IsCommitted(string path, long checkpointId)
    {
        try
        {
            var metadata = ReadMetadata(path, checkpointId);
            return metadata.Files.All(f => new FileInfo(Resolve(path, f.Name)) is { Exists: true } info && info.Length == f.Length);
        }
        catch (Exception e) when (e is CheckpointStorageException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Reads and fully verifies the checkpoint in <paramref name="path"/>.</summary>
    /// <param name="path">The checkpoint's directory.</param>
    /// <param name="expectedId">The id its name says it holds, when known.</param>
    /// <exception cref="CheckpointStorageException">It is missing, torn, corrupt or of an unknown format.</exception>
    public static CheckpointSnapshot Load(string path, long? expectedId)
    {
        try
        {
            var metadata = ReadMetadata(path, expectedId);
            var data = metadata.Files.SingleOrDefault(f => f.Name == DataFileName);
            var shared = metadata.Files.Where(f => f.Name.StartsWith(SharedPrefix, StringComparison.Ordinal)).ToArray();
            if (metadata.Files.Count != 1 + shared.Length || data.Name is null)
            {
                throw new CheckpointStorageException(
                    $"Checkpoint '{path}' is corrupt: its {MetadataFileName} lists [{string.Join(", ", metadata.Files.Select(f => f.Name))}], expected only '{DataFileName}'.",
                    path, metadata.CheckpointId);
            }

            var bytes = ReadVerified(path, data, metadata.CheckpointId);
            var snapshot = CheckpointDataFormat.Read(bytes, Path.Combine(path, DataFileName), metadata.CheckpointId);
            if (shared.Length > 0)
            {
                snapshot = snapshot.WithSharedFiles(shared.Select(f => new SharedStateFile(f.Name[SharedPrefix.Length..], ReadVerified(path, f, metadata.CheckpointId))));
            }

            if (snapshot.IsSavepoint != metadata.IsSavepoint)
            {
                throw new CheckpointStorageException($"Checkpoint '{path}' is corrupt: its data and its {MetadataFileName} disagree on whether it is a savepoint.", path, metadata.CheckpointId);
            }

            return snapshot;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointStorageException($"Checkpoint '{path}' could not be read: {e.Message}", path, expectedId, e);
        }
    }

    private static CheckpointMetadata ReadMetadata(string path, long? expectedId)
    {
        var metadataPath = Path.Combine(path, MetadataFileName);
        if (!File.Exists(metadataPath))
        {
            throw new CheckpointStorageException(DescribeMissingMetadata(path), path, expectedId);
        }

        return CheckpointMetadata.Decode(File.ReadAllBytes(metadataPath), metadataPath, expectedId);
    }

    private static byte[] ReadVerified(string path, CheckpointFileEntry entry, long checkpointId)
    {
        var file = Resolve(path, entry.Name);
        if (!File.Exists(file))
        {
            throw new CheckpointStorageException($"Checkpoint '{path}' is torn: its data file '{entry.Name}' is missing.", file, checkpointId);
        }

        var bytes = File.ReadAllBytes(file);
        if (bytes.Length != entry.Length)
        {
            throw new CheckpointStorageException(
                string.Create(CultureInfo.InvariantCulture, $"Checkpoint '{path}' is torn: data file '{entry.Name}' has {bytes.Length} bytes, its {MetadataFileName} records {entry.Length}."),
                file, checkpointId);
        }

        var checksum = XxHash64.HashToUInt64(bytes);
        if (checksum != entry.Checksum)
        {
            throw new CheckpointStorageException(
                string.Create(CultureInfo.InvariantCulture, $"Checkpoint '{path}' is corrupt: data file '{entry.Name}' has XxHash64 0x{checksum:X16}, its {MetadataFileName} records 0x{entry.Checksum:X16}."),
                file, checkpointId);
        }

        return bytes;
    }

    /// <summary>A file of a checkpoint: in its directory, or (shared) in the storage root's shared folder.</summary>
    private static string Resolve(string path, string name) =>
        name.StartsWith(SharedPrefix, StringComparison.Ordinal)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, SharedFolder, name[SharedPrefix.Length..])
            : Path.Combine(path, name);

    private static string DescribeMissingMetadata(string path)
    {
        if (!Directory.Exists(path))
        {
            return $"No checkpoint at '{path}': the directory does not exist.";
        }

        var leftovers = Directory.GetFiles(path, "*" + DurableFile.TemporarySuffix).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        return leftovers.Length > 0
            ? $"Checkpoint '{path}' is torn: it has no {MetadataFileName}, and the temporary file(s) {string.Join(", ", leftovers.Select(f => $"'{f}'"))} show it was interrupted while being written."
            : $"Checkpoint '{path}' is torn: it has no {MetadataFileName}, so it never completed.";
    }

    /// <summary>Writes a snapshot's data to a stream and keeps its length and checksum.</summary>
    private sealed class HashedOutput
    {
        private readonly XxHash64 _hash = new();

        public long Length { get; private set; }

        public ulong Hash => _hash.GetCurrentHashAsUInt64();

        public void Write(Stream stream, CheckpointSnapshot snapshot)
        {
            using var fields = new StateWriter(1 << 12);
            CheckpointDataFormat.Write(fields, snapshot, (written, chunk) =>
            {
                Append(stream, written);
                Append(stream, chunk);
            });
            Append(stream, fields);
        }

        private void Append(Stream stream, StateWriter fields)
        {
            Append(stream, fields.WrittenSpan);
            fields.Reset();
        }

        private void Append(Stream stream, ReadOnlySpan<byte> bytes)
        {
            stream.Write(bytes);
            _hash.Append(bytes);
            Length += bytes.Length;
        }
    }
}
