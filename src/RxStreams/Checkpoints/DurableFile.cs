using System;
using System.IO;

namespace RxStreams.Checkpoints;

/// <summary>Writes a file so that it is either absent or complete: a temporary file, flushed to disk, renamed into place.</summary>
internal static class DurableFile
{
    public const string TemporarySuffix = ".tmp";

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temporary = path + TemporarySuffix;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        Commit(temporary, path);
    }

    /// <summary>Writes the file through <paramref name="write"/>, which gets the stream of the temporary file.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var temporary = path + TemporarySuffix;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }

        Commit(temporary, path);
    }

    private static void Commit(string temporary, string path)
    {
        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}
