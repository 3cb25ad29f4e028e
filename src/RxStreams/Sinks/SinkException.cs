using System;

namespace RxStreams.Sinks;

/// <summary>
/// A sink could not write, pre-commit, commit or recover. In a checkpointed job it fails the attempt, and the job's
/// restart strategy applies; the message names the sink, its uid and subtask, and what it was doing.
/// </summary>
public class SinkException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="context">The writer that failed; null when the sink failed before it had one.</param>
    /// <param name="message">What the sink was doing and what went wrong.</param>
    /// <param name="innerException">The external system's error, if any.</param>
    public SinkException(SinkContext? context, string message, Exception? innerException = null)
        : base(context is null ? message : $"{Capitalized(context)}: {message}", innerException)
    {
        SinkName = context?.SinkName;
        Uid = context?.Uid;
        Subtask = context?.Subtask;
    }

    /// <summary>The failing sink's name, when known.</summary>
    public string? SinkName { get; }

    /// <summary>The failing sink's uid, when known.</summary>
    public string? Uid { get; }

    /// <summary>The failing writer's subtask, when known.</summary>
    public int? Subtask { get; }

    private static string Capitalized(SinkContext context)
    {
        var text = context.ToString();
        return char.ToUpperInvariant(text[0]) + text[1..];
    }
}
