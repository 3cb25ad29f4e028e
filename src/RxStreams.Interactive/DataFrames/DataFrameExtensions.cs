using System;
using System.Collections.Generic;
using System.Linq;
using System.Reactive.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Analysis;

namespace RxStreams.Interactive.DataFrames;

/// <summary>
/// Converts window results and record streams to a <see cref="DataFrame"/>, which the kernel renders as a table and
/// which can be filtered, grouped and summed further. Values with members (records, tuples) are spread into one
/// column per member; numbers keep their type.
/// </summary>
public static class DataFrameExtensions
{
    /// <summary>
    /// Window results as rows: <c>Key</c> (left out for <c>WindowAll</c>), <c>Start</c>, <c>End</c>, the value column(s),
    /// <c>Firing</c>, <c>FiringIndex</c>. <c>Start</c> and <c>End</c> are UTC <see cref="DateTime"/>s when every window
    /// is in calendar time (from the year 2000 on), else the milliseconds of small example timestamps.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type.</typeparam>
    /// <param name="results">The results.</param>
    public static DataFrame ToDataFrame<TKey, TValue>(this IEnumerable<WindowResult<TKey, TValue>> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = results.ToArray();
        var columns = new List<DataFrameColumn>();
        if (!Rendering.PlainText.IsKeyless<TKey>())
        {
            columns.AddRange(DataFrameColumns.Spread("Key", typeof(TKey), rows.Select(r => (object?)r.Key).ToArray()));
        }

        var dates = rows.All(r => Rendering.Markup.IsCalendarTime(r.Window.Start) && Rendering.Markup.IsCalendarTime(r.Window.End));
        columns.Add(DataFrameColumns.Times("Start", rows.Select(r => r.Window.Start).ToArray(), dates));
        columns.Add(DataFrameColumns.Times("End", rows.Select(r => r.Window.End).ToArray(), dates));
        columns.AddRange(DataFrameColumns.Spread("Value", typeof(TValue), rows.Select(r => (object?)r.Value).ToArray()));
        columns.Add(new StringDataFrameColumn("Firing", rows.Select(r => r.Firing.ToString())));
        columns.Add(new PrimitiveDataFrameColumn<int>("FiringIndex", rows.Select(r => r.FiringIndex)));
        return new DataFrame(columns);
    }

    /// <summary>The window results among <paramref name="elements"/> (watermarks are left out), as <see cref="ToDataFrame{TKey, TValue}(IEnumerable{WindowResult{TKey, TValue}})"/>.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type.</typeparam>
    /// <param name="elements">The elements of a window-results stream.</param>
    public static DataFrame ToDataFrame<TKey, TValue>(this IEnumerable<StreamElement<WindowResult<TKey, TValue>>> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        return elements.Where(e => e.IsRecord).Select(e => e.Value).ToDataFrame();
    }

    /// <summary>Records as rows: <c>Timestamp</c>, then the value column(s), as <see cref="ToDataFrame{T}(IEnumerable{Record{T}})"/>. Watermarks are left out.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="elements">The elements of an event-time stream.</param>
    public static DataFrame ToDataFrame<T>(this IEnumerable<StreamElement<T>> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        return elements.Where(e => e.IsRecord).Select(e => new Record<T>(e.Value, e.Timestamp)).ToDataFrame();
    }

    /// <summary>
    /// Records as rows: <c>Timestamp</c>, then the value column(s). <c>Timestamp</c> is a UTC <see cref="DateTime"/> when
    /// every record is in calendar time (from the year 2000 on), else the milliseconds of small example timestamps.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="records">The records.</param>
    public static DataFrame ToDataFrame<T>(this IEnumerable<Record<T>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = records.ToArray();
        var timestamps = rows.Select(r => r.Timestamp).ToArray();
        var columns = new List<DataFrameColumn> { DataFrameColumns.Times("Timestamp", timestamps, timestamps.All(Rendering.Markup.IsCalendarTime)) };
        columns.AddRange(DataFrameColumns.Spread("Value", typeof(T), rows.Select(r => (object?)r.Value).ToArray()));
        return new DataFrame(columns);
    }

    /// <summary>Any values as rows: one column per public property or field (a tuple's items, a record's properties), or one <c>Value</c> column for numbers and text.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="values">The values.</param>
    public static DataFrame ToDataFrame<T>(this IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new DataFrame(DataFrameColumns.Spread("Value", typeof(T), values.Select(v => (object?)v).ToArray()));
    }

    /// <summary>Runs a window-results stream to completion and returns its results as a <see cref="DataFrame"/>.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type.</typeparam>
    /// <param name="results">The window-results stream.</param>
    public static async Task<DataFrame> ToDataFrameAsync<TKey, TValue>(this IObservable<StreamElement<WindowResult<TKey, TValue>>> results)
    {
        ArgumentNullException.ThrowIfNull(results);
#pragma warning disable RXS0001 // Collects every element to the end; ToDataFrame keeps the records.
        var elements = await Observable.ToList(results);
#pragma warning restore RXS0001
        return elements.ToDataFrame();
    }

    /// <summary>Runs an event-time stream to completion and returns its records as a <see cref="DataFrame"/>.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="stream">The event-time stream.</param>
    public static async Task<DataFrame> ToDataFrameAsync<T>(this IObservable<StreamElement<T>> stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
#pragma warning disable RXS0001 // Collects every element to the end; ToDataFrame keeps the records.
        var elements = await Observable.ToList(stream);
#pragma warning restore RXS0001
        return elements.ToDataFrame();
    }
}
