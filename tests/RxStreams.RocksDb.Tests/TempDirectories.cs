using System.IO;
using System.Threading;

namespace RxStreams.RocksDb.Tests;

/// <summary>Deletes a test's directory; parallel tasks may still be closing their RocksDB instances in it, so it retries briefly.</summary>
internal static class TempDirectories
{
    public static void Delete(string directory)
    {
        for (var attempt = 0; Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException) when (attempt < 50)
            {
                Thread.Sleep(20);
            }
        }
    }
}
