using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Text;

namespace RxStreams.Testing;

/// <summary>
/// Compact text for event-time streams, for tests and notebooks. Elements are separated by spaces:
/// <c>value@timestamp</c> a record, <c>W5</c> a watermark (<c>Wmax</c>, <c>Wmin</c> at the ends of time),
/// <c>Idle</c>, <c>Active</c>, <c>B7</c> a checkpoint barrier, <c>L100</c> a latency marker. Example: <c>"a@1 b@3 W2 c@2 Wmax"</c>.
/// </summary>
public static class StreamDescription
{
    /// <summary>Parses a description whose record values are strings.</summary>
    /// <param name="description">The description, for example <c>"a@1 W1"</c>.</param>
    /// <exception cref="FormatException">A token is not an element; the message names it and its position.</exception>
    public static StreamElement<string>[] Parse(string description) => Parse(description, static s => s);

    /// <summary>Parses a description, turning each record's value text into a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="description">The description, for example <c>"3@1 W1"</c>.</param>
    /// <param name="parseValue">Parses a record's value text.</param>
    /// <exception cref="FormatException">A token is not an element; the message names it and its position.</exception>
    public static StreamElement<T>[] Parse<T>(string description, Func<string, T> parseValue)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(parseValue);
        var tokens = description.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var elements = new StreamElement<T>[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            elements[i] = ParseToken(tokens[i], i, parseValue);
        }

        return elements;
    }

    /// <summary>The description of a sequence of elements, the inverse of <see cref="Parse{T}"/>.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="elements">The elements, for example those a test collected from a stream.</param>
    public static string Format<T>(IEnumerable<StreamElement<T>> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var text = new StringBuilder();
        foreach (var element in elements)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(element.ToString());
        }

        return text.ToString();
    }

    /// <summary>
    /// A cold observable that emits the elements one by one on <paramref name="scheduler"/>, element <c>i</c> at
    /// <c>(i + 1) × spacing</c> after subscription, then completes one spacing after the last. With a <c>TestScheduler</c>
    /// the timing is exact.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="elements">The elements to emit.</param>
    /// <param name="scheduler">The processing-time scheduler.</param>
    /// <param name="spacing">The processing time between elements.</param>
    public static IObservable<StreamElement<T>> ToObservable<T>(this IReadOnlyList<StreamElement<T>> elements, IScheduler scheduler, TimeSpan spacing)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(scheduler);
        return System.Reactive.Linq.Observable.Create<StreamElement<T>>(observer =>
        {
            var timer = new SerialDisposable();
            var index = 0;
            void Next()
            {
                if (index == elements.Count)
                {
                    observer.OnCompleted();
                    return;
                }

                observer.OnNext(elements[index++]);
                timer.Disposable = scheduler.Schedule(spacing, Next);
            }

            timer.Disposable = scheduler.Schedule(spacing, Next);
            return timer;
        });
    }

    private static StreamElement<T> ParseToken<T>(string token, int position, Func<string, T> parseValue)
    {
        switch (token)
        {
            case "Idle":
                return StreamElement.Idle<T>();
            case "Active":
                return StreamElement.Active<T>();
            case "Wmax":
                return StreamElement.Watermark<T>(Watermark.MaxValue);
            case "Wmin":
                return StreamElement.Watermark<T>(Watermark.MinValue);
        }

        var at = token.LastIndexOf('@');
        if (at > 0)
        {
            var valueText = token[..at];
            var timestamp = ParseNumber(token[(at + 1)..], token, position);
            T value;
            try
            {
                value = parseValue(valueText);
            }
            catch (Exception ex)
            {
                throw new FormatException($"Element {position} '{token}': the value '{valueText}' cannot be parsed: {ex.Message}", ex);
            }

            return StreamElement.Record(value, timestamp);
        }

        if (token.Length > 1 && token[0] == 'W')
        {
            return StreamElement.Watermark<T>(ParseNumber(token[1..], token, position));
        }

        if (token.Length > 1 && token[0] == 'B')
        {
            return StreamElement.Barrier<T>(ParseNumber(token[1..], token, position));
        }

        if (token.Length > 1 && token[0] == 'L')
        {
            return StreamElement.LatencyMarker<T>(ParseNumber(token[1..], token, position));
        }

        throw new FormatException($"Element {position} '{token}' is not a record (value@timestamp), watermark (W5, Wmax, Wmin), Idle, Active, barrier (B1) or latency marker (L100).");
    }

    private static long ParseNumber(string text, string token, int position) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"Element {position} '{token}': '{text}' is not a whole number of milliseconds.");
}
