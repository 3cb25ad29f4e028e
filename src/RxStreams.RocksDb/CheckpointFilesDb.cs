using System;
using System.IO;
using RocksDbSharp;
using RxStreams.Checkpoints;

namespace RxStreams.RocksDb;

/// <summary>
/// One subtask's incremental-checkpoint files written into a temporary directory and opened read-only, to read
/// key-group ranges out of them (a restore at another parallelism, or into the heap); deleted when disposed.
/// </summary>
internal sealed class CheckpointFilesDb : IDisposable
{
    private readonly string _directory;

    public CheckpointFilesDb(IncrementalHandle handle, OperatorSnapshot snapshot, string directory)
    {
        _directory = directory;
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        handle.Materialize(directory, snapshot);
        var options = new DbOptions();
        var families = new ColumnFamilies();
        foreach (var name in RocksDbSharp.RocksDb.ListColumnFamilies(options, directory))
        {
            if (name != ColumnFamilies.DefaultName)
            {
                families.Add(name, new ColumnFamilyOptions());
            }
        }

        Db = RocksDbSharp.RocksDb.OpenReadOnly(options, directory, families, false);
        Families = [.. families.Names];
    }

    public RocksDbSharp.RocksDb Db { get; }

    /// <summary>The column families, the default one included.</summary>
    public string[] Families { get; }

    /// <summary>An iterator over <paramref name="family"/> positioned at the first row of key group <paramref name="firstGroup"/>.</summary>
    public Iterator Seek(string family, int firstGroup)
    {
        var iterator = Db.NewIterator(Db.GetColumnFamily(family));
        iterator.Seek([(byte)(firstGroup >> 8), (byte)firstGroup]);
        return iterator;
    }

    public void Dispose()
    {
        Db.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
