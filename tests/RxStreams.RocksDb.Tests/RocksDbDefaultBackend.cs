using System.IO;
using System.Runtime.CompilerServices;
using RxStreams.State;

namespace RxStreams.RocksDb.Tests;

/// <summary>Makes RocksDB the default state backend of this test assembly, in a temporary directory removed at exit.</summary>
internal static class RocksDbDefaultBackend
{
    public static string Directory { get; } = Path.Combine(Path.GetTempPath(), "rxstreams-rocksdb-tests-" + Environment.ProcessId);

    [ModuleInitializer]
    internal static void Initialize()
    {
        StateBackend.Default = new RocksDbStateBackend(Directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TempDirectories.Delete(Directory);
    }
}
