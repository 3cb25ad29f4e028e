using System;
using System.IO;
using RxStreams.Checkpoints;
using RxStreams.State;

namespace RxStreams.Sinks;

/// <summary>
/// The exactly-once file writer: a transaction is the parts written between two barriers, hidden until the
/// checkpoint that closed them completes, then renamed to their final names.
/// </summary>
internal sealed class FileSinkWriter<T>(SinkContext context, PartFiles<T> parts) : TwoPhaseCommitSinkWriter<T, FileTransaction>(context)
{
    protected override FileTransaction BeginTransaction() => new();

    protected override void Write(FileTransaction transaction, ReadOnlySpan<T> batch)
    {
        try
        {
            var part = transaction.Current ??= parts.Open(hidden: true);
            parts.Write(part, batch);
            if (Context.IsCheckpointed && parts.ShouldRoll(part))
            {
                Roll(transaction);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SinkUnavailableException(Context, $"writing a part file in '{parts.Directory}' failed: {ex.Message}", ex);
        }
    }

    protected override bool CommitWithoutCheckpoint(FileTransaction transaction) =>
        transaction.Current is { } part && parts.ShouldRoll(part);

    protected override void PreCommit(FileTransaction transaction)
    {
        Roll(transaction);

        // The hidden names must survive a power loss too, or the checkpoint would point at nothing.
        DirectorySync.Flush(parts.Directory);
    }

    protected override void Commit(FileTransaction transaction)
    {
        foreach (var name in transaction.Parts)
        {
            var hidden = parts.HiddenPath(name);
            var final = parts.FinalPath(name);
            if (File.Exists(hidden))
            {
                Io(() => File.Move(hidden, final, overwrite: true), $"committing part file '{name}'");
            }
            else if (!File.Exists(final))
            {
                throw new SinkException(Context, $"the pending part file '{hidden}' is missing (deleted outside the sink?): its records cannot be committed.");
            }
        }

        DirectorySync.Flush(parts.Directory);
    }

    protected override void Abort(FileTransaction transaction)
    {
        if (transaction.Current is { } part)
        {
            transaction.Current = null;
            parts.Discard(part);
        }

        foreach (var name in transaction.Parts)
        {
            File.Delete(parts.HiddenPath(name));
        }
    }

    protected override void AbortLingeringTransactions()
    {
        Io(() => parts.DeleteHidden(), "deleting the in-progress parts an earlier attempt left");
        Io(parts.FindCounter, "listing the committed parts");
    }

    protected override void WriteHandle(FileTransaction transaction, StateWriter writer)
    {
        writer.WriteVarInt64(transaction.Parts.Count);
        foreach (var name in transaction.Parts)
        {
            writer.WriteString(name);
        }
    }

    protected override FileTransaction ReadHandle(ref StateReader reader)
    {
        var transaction = new FileTransaction();
        var count = reader.ReadVarInt64();
        for (var i = 0; i < count; i++)
        {
            transaction.Parts.Add(reader.ReadString()!);
        }

        return transaction;
    }

    private void Roll(FileTransaction transaction)
    {
        if (transaction.Current is { } part)
        {
            transaction.Current = null;
            Io(() => parts.Close(part), "closing a part file");
            transaction.Parts.Add(part.Name);
        }
    }

    private void Io(Action action, string doing) => Io(() => { action(); return 0; }, doing);

    private TResult Io<TResult>(Func<TResult> action, string doing)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SinkUnavailableException(Context, $"{doing} in '{parts.Directory}' failed: {ex.Message}", ex);
        }
    }
}
