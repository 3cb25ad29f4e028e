using System;
using System.Diagnostics;
using System.IO;

namespace RxStreams.Nexmark.Bench;

/// <summary>
/// The process's peak working set, resettable on Linux (writing 5 to <c>/proc/self/clear_refs</c> resets
/// <c>VmHWM</c> to the current resident size), so that each query's peak is its own. Elsewhere the peak only grows.
/// </summary>
public static class Memory
{
    /// <summary>True when <see cref="ResetPeak"/> works on this machine.</summary>
    public static bool CanReset { get; } = TryReset();

    /// <summary>Returns freed memory to the system, then starts a new peak from the current resident size.</summary>
    public static void ResetPeak()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        TryReset();
    }

    /// <summary>The peak resident size since the last reset, in bytes.</summary>
    public static long PeakWorkingSet()
    {
        if (OperatingSystem.IsLinux())
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = line.AsSpan(6).Trim().TrimEnd("kB").Trim();
                    return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    /// <summary>The current resident size, in bytes.</summary>
    public static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static bool TryReset()
    {
        try
        {
            if (!OperatingSystem.IsLinux())
            {
                return false;
            }

            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
