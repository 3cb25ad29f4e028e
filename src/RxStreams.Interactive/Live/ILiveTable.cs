using System;

namespace RxStreams.Interactive.Live;

/// <summary>
/// The state behind a live view, whatever it shows (window results, rolling per-key results): it counts its changes,
/// knows how the stream ended, and renders itself. Thread-safe.
/// </summary>
public interface ILiveTable
{
    /// <summary>Goes up by one with every change of what the view shows.</summary>
    long Version { get; }

    /// <summary>The current watermark of the stream; <see cref="RxStreams.Watermark.MinValue"/> before the first.</summary>
    long Watermark { get; }

    /// <summary>True once the stream completed.</summary>
    bool Completed { get; }

    /// <summary>True once the view stopped listening before the stream ended (cancelled, timed out or disposed).</summary>
    bool Stopped { get; }

    /// <summary>The message of the error that ended the stream, if any.</summary>
    string? Failure { get; }

    /// <summary>Sets what the view measured besides the stream: elapsed processing time, input and late records.</summary>
    /// <param name="elapsed">Processing time since the view started.</param>
    /// <param name="inputRecords">Input records so far, or null when unknown.</param>
    /// <param name="lateRecords">Records too late for any window so far, or null when unknown.</param>
    void SetProgress(TimeSpan elapsed, long? inputRecords, long? lateRecords);

    /// <summary>Marks the stream as completed, or failed with <paramref name="failure"/>.</summary>
    /// <param name="failure">The error, or null for a normal completion.</param>
    void MarkCompleted(Exception? failure);

    /// <summary>Marks the view as stopped before the stream ended.</summary>
    void MarkStopped();

    /// <summary>The state as HTML.</summary>
    /// <param name="title">A title above the status line, or null.</param>
    /// <param name="maxRows">The most rows shown.</param>
    /// <param name="freshSince">Rows changed after this version are highlighted.</param>
    string ToHtml(string? title, int maxRows, long freshSince);

    /// <summary>The state as plain text: the status line and one line per row.</summary>
    string ToText();
}
