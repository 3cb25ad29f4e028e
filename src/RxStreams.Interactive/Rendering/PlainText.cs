using System.Globalization;

namespace RxStreams.Interactive.Rendering;

/// <summary>
/// The plain-text forms the kernel shows for RxStreams values: times as UTC date-times (see <see cref="Markup.Time"/>),
/// windows as <c>[start, end)</c>, no key for the results of <c>WindowAll</c>. Small example timestamps read as the
/// stream notation does (<c>a@1000</c>, <c>W5000</c>).
/// </summary>
public static class PlainText
{
    /// <summary>A window result: <c>berlin [2024-06-01 08:59:00, 09:00:00) UTC = 10</c>, with its firing when not the first on-time one.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The result type.</typeparam>
    /// <param name="result">The result.</param>
    public static string Result<TKey, TValue>(WindowResult<TKey, TValue> result)
    {
        var firing = result.Firing == WindowFiring.OnTime && result.FiringIndex == 0 ? string.Empty : " (" + WindowResultsHtml.Firing(result.Firing, result.FiringIndex) + ")";
        return (IsKeyless<TKey>() ? string.Empty : Markup.Text(result.Key) + " ") + Markup.Window(result.Window) + " = " + Markup.Text(result.Value) + firing;
    }

    /// <summary>A stream element: a record as <c>value@time</c>, a watermark as <c>Wtime</c>, with calendar times as <c>value @ 2024-06-01 09:00:18 UTC</c> and <c>W 2024-06-01 09:00:18 UTC</c>.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="element">The element.</param>
    public static string Element<T>(StreamElement<T> element) =>
        !Markup.IsCalendarTime(element.Timestamp) ? element.ToString()
        : element.IsRecord ? Markup.Text(element.Value) + " @ " + Markup.Time(element.Timestamp)
        : element.IsWatermark ? "W " + Markup.Time(element.Timestamp)
        : element.ToString();

    /// <summary>A record as <see cref="Element{T}"/> shows it.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="record">The record.</param>
    public static string Record<T>(Record<T> record) => Element(StreamElement.Record(record.Value, record.Timestamp));

    /// <summary>
    /// True for the key type of <c>WindowAll</c> and other non-keyed operators (<see cref="System.Reactive.Unit"/>),
    /// whose single key <c>()</c> says nothing and is left out of every view.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    public static bool IsKeyless<TKey>() => typeof(TKey) == typeof(System.Reactive.Unit);

    /// <summary>A number of milliseconds as seconds, for example <c>1.5 s</c>.</summary>
    /// <param name="milliseconds">The duration.</param>
    internal static string Seconds(long milliseconds) =>
        (milliseconds / 1000.0).ToString("#,0.###", CultureInfo.InvariantCulture) + " s";
}
