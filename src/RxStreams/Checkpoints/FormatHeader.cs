using System.Globalization;
using RxStreams.State;

namespace RxStreams.Checkpoints;

/// <summary>The head of every checkpoint file: a 4-byte magic number naming the kind of file, then the format version.</summary>
internal static class FormatHeader
{
    public static void Write(StateWriter writer, int magic)
    {
        writer.WriteInt32(magic);
        writer.WriteInt32(CheckpointSnapshot.CurrentFormatVersion);
    }

    /// <summary>Reads and checks the head; the version is checked before anything else so a newer layout is reported as such, not as corruption.</summary>
    /// <exception cref="CheckpointStorageException">The magic is wrong or the version is not one this release reads.</exception>
    public static void Read(ref StateReader reader, int magic, string what, string source, long? checkpointId)
    {
        if (reader.Remaining < 8)
        {
            throw new CheckpointStorageException(
                string.Create(CultureInfo.InvariantCulture, $"Checkpoint {what} '{source}' is torn: only {reader.Remaining} bytes, shorter than its 8-byte header."),
                source, checkpointId);
        }

        var found = reader.ReadInt32();
        if (found != magic)
        {
            throw new CheckpointStorageException(
                string.Create(CultureInfo.InvariantCulture, $"'{source}' is not a checkpoint {what}: it starts with 0x{found:X8}, expected 0x{magic:X8}."),
                source, checkpointId);
        }

        var version = reader.ReadInt32();
        if (version != CheckpointSnapshot.CurrentFormatVersion)
        {
            var why = version > CheckpointSnapshot.CurrentFormatVersion
                ? "it was written by a newer release; restore it with that release or a later one"
                : "the version is unknown, so the file is corrupt";
            throw new CheckpointStorageException(
                string.Create(CultureInfo.InvariantCulture,
                    $"Checkpoint {what} '{source}' has format version {version}, but this RxStreams reads only version {CheckpointSnapshot.CurrentFormatVersion}: {why}."),
                source, checkpointId);
        }
    }
}
