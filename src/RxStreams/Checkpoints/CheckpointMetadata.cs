using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO.Hashing;
using RxStreams.State;

namespace RxStreams.Checkpoints;

/// <summary>
/// The commit record of a directory checkpoint, written last: header (magic <c>RXCM</c>, format version), checkpoint
/// id, savepoint flag, the length and XxHash64 of each data file, and the XxHash64 of all of that as the last 8 bytes.
/// A checkpoint without a valid one is torn.
/// </summary>
internal sealed record CheckpointMetadata(long CheckpointId, bool IsSavepoint, IReadOnlyList<CheckpointFileEntry> Files)
{
    public const int Magic = 0x4D435852; // "RXCM" little-endian

    public byte[] Encode()
    {
        using var writer = new StateWriter();
        FormatHeader.Write(writer, Magic);
        writer.WriteInt64(CheckpointId);
        writer.WriteBoolean(IsSavepoint);
        writer.WriteVarInt64(Files.Count);
        foreach (var file in Files)
        {
            writer.WriteString(file.Name);
            writer.WriteInt64(file.Length);
            writer.WriteInt64((long)file.Checksum);
        }

        writer.WriteInt64((long)XxHash64.HashToUInt64(writer.WrittenSpan));
        return writer.ToArray();
    }

    /// <exception cref="CheckpointStorageException">The bytes are not a valid, complete commit record.</exception>
    public static CheckpointMetadata Decode(ReadOnlySpan<byte> bytes, string path, long? expectedId)
    {
        var reader = new StateReader(bytes);
        FormatHeader.Read(ref reader, Magic, "metadata", path, expectedId);
        if (bytes.Length < 16 + sizeof(long))
        {
            throw Torn(path, expectedId, string.Create(CultureInfo.InvariantCulture, $"only {bytes.Length} bytes"));
        }

        var body = bytes[..^sizeof(long)];
        var stored = (ulong)new StateReader(bytes[^sizeof(long)..]).ReadInt64();
        var actual = XxHash64.HashToUInt64(body);
        if (stored != actual)
        {
            throw Torn(path, expectedId, string.Create(CultureInfo.InvariantCulture, $"its checksum is 0x{actual:X16} but it records 0x{stored:X16}"));
        }

        try
        {
            reader = new StateReader(body);
            reader.ReadBytes(8);
            var id = reader.ReadInt64();
            var isSavepoint = reader.ReadBoolean();
            var files = new CheckpointFileEntry[reader.ReadLength(allowNull: false)];
            for (var i = 0; i < files.Length; i++)
            {
                var name = reader.ReadString() ?? throw new StateSerializationException("corrupt state: null file name.");
                var length = reader.ReadInt64();
                files[i] = new CheckpointFileEntry(name, length, (ulong)reader.ReadInt64());
            }

            if (!reader.IsAtEnd)
            {
                throw new StateSerializationException(string.Create(CultureInfo.InvariantCulture, $"corrupt state: {reader.Remaining} unexpected bytes at offset {reader.Position}."));
            }

            if (expectedId is { } expected && id != expected)
            {
                throw Torn(path, expected, string.Create(CultureInfo.InvariantCulture, $"it records checkpoint {id}"));
            }

            return new CheckpointMetadata(id, isSavepoint, files);
        }
        catch (StateSerializationException e)
        {
            throw new CheckpointStorageException($"Checkpoint metadata '{path}' is corrupt: {e.Message}", path, expectedId, e);
        }
    }

    private static CheckpointStorageException Torn(string path, long? id, string what) =>
        new($"Checkpoint metadata '{path}' is corrupt: {what}.", path, id);
}
