using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace RxStreams.Checkpoints;

/// <summary>
/// Checkpoint storage in a directory, like Flink's file-system checkpoint storage. Each checkpoint is a directory
/// <c>chk-&lt;id&gt;</c> (savepoints <c>savepoint-&lt;id&gt;</c>) holding a data file and a <c>_metadata</c> commit
/// record with the data's length and XxHash64. Each file is written to a temporary name, flushed to disk and renamed
/// into place, <c>_metadata</c> last, so a crash leaves either a complete checkpoint or a torn one that
/// <see cref="LoadLatest"/> skips. One process writes a directory at a time; any number may read it.
/// </summary>
public sealed class DirectoryCheckpointStorage : ICheckpointStorage
{
    private readonly object _gate = new();

    /// <summary>Opens (and creates when missing) the storage in <paramref name="directory"/>.</summary>
    /// <param name="directory">The directory that holds the checkpoints.</param>
    /// <param name="retained">How many of the latest checkpoints to keep; at least 1.</param>
    public DirectoryCheckpointStorage(string directory, int retained = 3)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(retained, 1);
        Directory = Path.GetFullPath(directory);
        RetainedCheckpoints = retained;
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The directory that holds the checkpoints.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    public int RetainedCheckpoints { get; }

    /// <inheritdoc />
    /// <remarks>Complete means a valid <c>_metadata</c> and data files of the recorded length; checksums are verified on load.</remarks>
    public IReadOnlyList<long> CompletedCheckpointIds =>
        Scan().Where(e => CheckpointDirectory.IsCommitted(e.Path, e.Id)).Select(e => e.Id).Distinct().Order().ToArray();

    /// <summary>Loads and verifies the checkpoint or savepoint in a given directory, for example a savepoint to start a job from.</summary>
    /// <param name="checkpointOrSavepointPath">The <c>chk-&lt;id&gt;</c> or <c>savepoint-&lt;id&gt;</c> directory, or its <c>_metadata</c> file.</param>
    /// <exception cref="CheckpointStorageException">It is missing, torn, corrupt or of an unknown format.</exception>
    public static CheckpointSnapshot LoadFrom(string checkpointOrSavepointPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpointOrSavepointPath);
        var path = Path.GetFullPath(checkpointOrSavepointPath);
        if (Path.GetFileName(path) == CheckpointDirectory.MetadataFileName && File.Exists(path))
        {
            path = Path.GetDirectoryName(path)!;
        }

        long? id = CheckpointDirectoryName.TryParse(Path.GetFileName(path), out var parsed, out _) ? parsed : null;
        return CheckpointDirectory.Load(path, id);
    }

    /// <inheritdoc />
    public void Store(CheckpointSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var path = Path.Combine(Directory, CheckpointDirectoryName.Format(snapshot.CheckpointId, snapshot.IsSavepoint));
        lock (_gate)
        {
            var stored = Scan().FirstOrDefault(e => e.Id == snapshot.CheckpointId && CheckpointDirectory.IsCommitted(e.Path, e.Id));
            if (stored.Path is not null)
            {
                throw new CheckpointStorageException(
                    string.Create(CultureInfo.InvariantCulture, $"Checkpoint {snapshot.CheckpointId} is already stored at '{stored.Path}'."), stored.Path, snapshot.CheckpointId);
            }

            try
            {
                // A directory of this name without a valid _metadata is what a crash left behind.
                if (System.IO.Directory.Exists(path))
                {
                    System.IO.Directory.Delete(path, recursive: true);
                }

                StoreSharedFiles(snapshot);
                System.IO.Directory.CreateDirectory(path);
                DirectorySync.Flush(Directory);
                CheckpointDirectory.Write(path, snapshot);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CheckpointStorageException(
                    string.Create(CultureInfo.InvariantCulture, $"Checkpoint {snapshot.CheckpointId} could not be written to '{path}': {e.Message}"), path, snapshot.CheckpointId, e);
            }

            ApplyRetention();
        }
    }

    /// <inheritdoc />
    public CheckpointSnapshot? LoadLatest()
    {
        foreach (var entry in Scan().OrderByDescending(e => e.Id))
        {
            try
            {
                return CheckpointDirectory.Load(entry.Path, entry.Id);
            }
            catch (CheckpointStorageException)
            {
                // Torn or corrupt: fall back to the one before, as a restart after a crash must.
            }
        }

        return null;
    }

    /// <inheritdoc />
    public CheckpointSnapshot Load(long checkpointId)
    {
        var candidates = Scan().Where(e => e.Id == checkpointId).ToArray();
        if (candidates.Length == 0)
        {
            throw new CheckpointStorageException(
                string.Create(CultureInfo.InvariantCulture, $"No checkpoint {checkpointId} in '{Directory}'; complete ones: [{string.Join(", ", CompletedCheckpointIds)}]."),
                Path.Combine(Directory, CheckpointDirectoryName.Format(checkpointId, isSavepoint: false)), checkpointId);
        }

        var committed = candidates.FirstOrDefault(e => CheckpointDirectory.IsCommitted(e.Path, e.Id));
        return CheckpointDirectory.Load((committed.Path is null ? candidates[0] : committed).Path, checkpointId);
    }

    /// <summary>The keys of the shared files held (for tests of retention).</summary>
    public IReadOnlyList<string> SharedFileKeys =>
        System.IO.Directory.Exists(SharedDirectory)
            ? System.IO.Directory.GetFiles(SharedDirectory).Select(f => Path.GetFileName(f)).Where(n => !n.EndsWith(DurableFile.TemporarySuffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()
            : [];

    private string SharedDirectory => Path.Combine(Directory, CheckpointDirectory.SharedFolder);

    /// <summary>Writes the shared files new in <paramref name="snapshot"/> (each durably, before the checkpoint that references it) and checks that the others are here.</summary>
    private void StoreSharedFiles(CheckpointSnapshot snapshot)
    {
        if (snapshot.SharedFiles.Count == 0)
        {
            return;
        }

        System.IO.Directory.CreateDirectory(SharedDirectory);
        foreach (var file in snapshot.SharedFiles.Values)
        {
            var path = Path.Combine(SharedDirectory, file.Key);
            if (!file.Data.IsEmpty)
            {
                if (!(new FileInfo(path) is { Exists: true } existing && existing.Length == file.Data.Length))
                {
                    DurableFile.Write(path, file.Data.Span);
                }
            }
            else if (!File.Exists(path))
            {
                throw new CheckpointStorageException(
                    string.Create(CultureInfo.InvariantCulture, $"Checkpoint {snapshot.CheckpointId} references shared file '{file.Key}', which no retained checkpoint stored in '{SharedDirectory}'."),
                    path, snapshot.CheckpointId);
            }
        }
    }

    private (long Id, bool IsSavepoint, string Path)[] Scan() =>
        new DirectoryInfo(Directory).EnumerateDirectories()
            .Select(d => CheckpointDirectoryName.TryParse(d.Name, out var id, out var savepoint) ? (id, savepoint, d.FullName) : (-1L, false, d.FullName))
            .Where(e => e.Item1 >= 0)
            .ToArray();

    /// <summary>
    /// Deletes checkpoints older than the newest <see cref="RetainedCheckpoints"/> complete ones, and torn directories
    /// older than the newest complete checkpoint or savepoint. Savepoints are kept. A failure to delete is left for
    /// the next round: the checkpoint just stored is durable either way.
    /// </summary>
    private void ApplyRetention()
    {
        var entries = Scan();
        var committed = entries.Where(e => CheckpointDirectory.IsCommitted(e.Path, e.Id)).ToArray();
        if (committed.Length == 0)
        {
            return;
        }

        var expired = CheckpointRetention.Expired(committed.Where(e => !e.IsSavepoint).Select(e => e.Id), RetainedCheckpoints).ToHashSet();
        var newest = committed.Max(e => e.Id);
        foreach (var entry in entries)
        {
            var isCommitted = committed.Contains(entry);
            if ((isCommitted && !entry.IsSavepoint && expired.Contains(entry.Id)) || (!isCommitted && entry.Id < newest))
            {
                TryDelete(entry.Path);
            }
        }

        DeleteUnreferencedSharedFiles();
    }

    /// <summary>Deletes the shared files that no remaining checkpoint references (never one that a retained checkpoint does).</summary>
    private void DeleteUnreferencedSharedFiles()
    {
        if (!System.IO.Directory.Exists(SharedDirectory))
        {
            return;
        }

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Scan())
        {
            try
            {
                referenced.UnionWith(CheckpointDirectory.SharedKeys(entry.Path, entry.Id));
            }
            catch (Exception e) when (e is CheckpointStorageException or IOException or UnauthorizedAccessException)
            {
                // A checkpoint without a readable commit record is torn: it keeps nothing alive.
            }
        }

        foreach (var file in System.IO.Directory.GetFiles(SharedDirectory))
        {
            var name = Path.GetFileName(file);
            if (!referenced.Contains(name))
            {
                try
                {
                    File.Delete(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Retried at the next checkpoint.
                }
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            // The commit record goes first, so a deletion cut short leaves a torn directory, never a corrupt complete one.
            File.Delete(Path.Combine(path, CheckpointDirectory.MetadataFileName));
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Retried at the next checkpoint.
        }
    }
}
