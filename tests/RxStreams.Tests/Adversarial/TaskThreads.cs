using System.IO;
using System.Reflection;
using System.Threading;
using Xunit.Sdk;

namespace RxStreams.Tests.Adversarial;

/// <summary>
/// The threads RxStreams starts for parallel pipelines (exchange tasks "hash task 0", parallel sources "source task 1",
/// a job's sources "source clicks task 0"), counted by their names as the operating system shows them (Linux truncates
/// a thread's name to 15 characters in /proc/self/task/*/comm).
/// </summary>
internal static class TaskThreads
{
    /// <summary>The names of the live task threads of this process.</summary>
    public static List<string> Live()
    {
        var names = new List<string>();
        if (!Directory.Exists("/proc/self/task"))
        {
            return names;
        }

        foreach (var directory in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(directory, "comm")).Trim();
                if (name.Contains(" task", StringComparison.Ordinal) || name.StartsWith("source ", StringComparison.Ordinal))
                {
                    names.Add(name);
                }
            }
            catch (IOException)
            {
                // The thread ended while being listed.
            }
        }

        return names;
    }
}

/// <summary>
/// Fails a test that leaves task threads behind: after it, the task threads must be back to their number before it
/// within 10 s (teardown is asynchronous: a task thread ends at its next check). Put on classes of the
/// <see cref="ParallelTaskThreads"/> collection, so no other test starts task threads meanwhile.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class NoLeakedTaskThreadsAttribute : BeforeAfterTestAttribute
{
    private int _before;

    public override void Before(MethodInfo methodUnderTest) => _before = TaskThreads.Live().Count;

    public override void After(MethodInfo methodUnderTest)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<string> live;
        while ((live = TaskThreads.Live()).Count > _before && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        if (live.Count > _before)
        {
            throw new XunitException(
                $"{methodUnderTest.DeclaringType?.Name}.{methodUnderTest.Name} left {live.Count - _before} task thread(s) running: {string.Join(", ", live)}");
        }
    }
}

/// <summary>The tests that run parallel pipelines: one at a time, so each can count the task threads it leaves.</summary>
[CollectionDefinition(nameof(ParallelTaskThreads))]
public sealed class ParallelTaskThreads
{
}
