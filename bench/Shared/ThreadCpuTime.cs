using System.Diagnostics;
using System.Runtime.InteropServices;

/// <summary>
/// The CPU time the calling thread has used (Linux's CLOCK_THREAD_CPUTIME_ID): unlike a stopwatch it leaves out the time
/// the thread waited for a core, so it compares runs on a machine shared with other work. Elsewhere, wall time.
/// </summary>
internal static class ThreadCpuTime
{
    public static double Seconds()
    {
        if (!System.OperatingSystem.IsLinux())
        {
            return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        }

        ClockGetTime(3, out var time);
        return time.Seconds + (time.Nanoseconds / 1e9);
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private readonly struct TimeSpec
    {
        public readonly long Seconds;
        public readonly long Nanoseconds;
    }
}
