using System;
using System.Globalization;

namespace RxStreams.Interactive.Rendering;

/// <summary>
/// An error's message as the extension shows it: a <see cref="StreamOperatorException"/> names its record's time as a
/// UTC date-time (<c>at 2024-06-01 09:00:18 UTC</c>) instead of <c>at timestamp 1717232418000</c>.
/// </summary>
public static class ErrorText
{
    /// <summary>The message, with a stream operator's timestamp and window in readable form.</summary>
    /// <param name="error">The error.</param>
    public static string Message(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Message;
        if (error is not StreamOperatorException failure)
        {
            return message;
        }

        if (failure.Window is { } window && Markup.IsCalendarTime(window.Start))
        {
            message = message.Replace(" in window " + window, " in window " + Markup.Window(window), StringComparison.Ordinal);
        }

        if (failure.Timestamp is { } timestamp && Markup.IsCalendarTime(timestamp))
        {
            message = message.Replace(" at timestamp " + timestamp.ToString(CultureInfo.InvariantCulture), " at " + Markup.Time(timestamp), StringComparison.Ordinal);
        }

        return message;
    }

    /// <summary>The error as HTML: its type and readable message.</summary>
    /// <param name="error">The error.</param>
    public static string Html(Exception error) =>
        "<div class=\"rxs rxs-error\" style=\"color:#b00020\"><b>" + Markup.Encode(error.GetType().Name) + "</b>: " + Markup.Encode(Message(error)) + "</div>";
}
