using System;
using System.Runtime.InteropServices;

namespace RxStreams.Checkpoints;

/// <summary>
/// Flushes a directory's entries (new files, renames) to disk. .NET cannot open a directory, so on Linux and macOS this
/// calls <c>open</c> and <c>fsync</c> directly; elsewhere (Windows, where NTFS journals renames) it does nothing.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0;

    /// <returns>True when the entries were flushed; false where that is not supported or the directory could not be opened.</returns>
    public static bool Flush(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return false;
        }

        var fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            return false;
        }

        try
        {
            return Fsync(fd) == 0;
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole project.
    [DllImport("libc", EntryPoint = "open", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "fsync")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
