using System.Reactive.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Analysis;
using RxStreams.Interactive.DataFrames;
using RxStreams.Testing;

namespace RxStreams.Interactive.Tests;

/// <summary>Conversions to <see cref="DataFrame"/>.</summary>
public class DataFrameTest
{
    private static string[] Names(DataFrame frame) => frame.Columns.Select(c => c.Name).ToArray();

    [Fact]
    public async Task Window_results_become_typed_columns()
    {
        var frame = await StreamDescription.Parse("a@1000 b@2000 a@7000 Wmax").ToObservable()
            .KeyBy(x => x)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(5)))
            .Count()
            .ToDataFrameAsync();

        Assert.Equal(new[] { "Key", "Start", "End", "Value", "Firing", "FiringIndex" }, Names(frame));
        Assert.Equal(3, frame.Rows.Count);
        Assert.IsType<PrimitiveDataFrameColumn<long>>(frame["Value"]);
        Assert.Equal(new object[] { "a", 0L, 5000L, 1L, "OnTime", 0 }, frame.Rows[0].ToArray());
        Assert.Equal(new object[] { "a", 5000L, 10000L, 1L, "OnTime", 0 }, frame.Rows[2].ToArray());
    }

    [Fact]
    public async Task Calendar_times_become_utc_date_time_columns_and_window_all_has_no_key_column()
    {
        const long june1 = 1_717_200_000_000; // 2024-06-01 00:00:00 UTC
        var stream = StreamDescription.Parse($"a@{june1 + 1000} b@{june1 + 61_000} Wmax").ToObservable();

        var windows = await stream.WindowAll(TumblingEventTimeWindows.Of(TimeSpan.FromMinutes(1))).Count().ToDataFrameAsync();
        var records = await stream.ToDataFrameAsync();

        Assert.Equal(new[] { "Start", "End", "Value", "Firing", "FiringIndex" }, Names(windows));
        Assert.IsType<PrimitiveDataFrameColumn<DateTime>>(windows["Start"]);
        Assert.Equal(new object[] { new DateTime(2024, 6, 1, 0, 1, 0, DateTimeKind.Utc), new DateTime(2024, 6, 1, 0, 2, 0, DateTimeKind.Utc), 1L, "OnTime", 0 }, windows.Rows[1].ToArray());
        Assert.Equal(DateTimeKind.Utc, ((DateTime)windows.Rows[0][0]).Kind);
        Assert.Equal(new object[] { new DateTime(2024, 6, 1, 0, 0, 1, DateTimeKind.Utc), "a" }, records.Rows[0].ToArray());
    }

    [Fact]
    public void Records_with_members_are_spread_into_columns()
    {
        var elements = new[]
        {
            StreamElement.Record(new Reading("kitchen", 21.5), 1000),
            StreamElement.Watermark<Reading>(1000),
            StreamElement.Record(new Reading("cellar", 14), 1200),
        };

        var frame = elements.ToDataFrame();

        Assert.Equal(new[] { "Timestamp", "Sensor", "Celsius" }, Names(frame));
        Assert.Equal(new object[] { 1200L, "cellar", 14.0 }, frame.Rows[1].ToArray());
    }

    [Fact]
    public void Scalar_records_have_one_value_column()
    {
        var frame = new[] { new Record<int>(3, 10), new Record<int>(4, 20) }.ToDataFrame();

        Assert.Equal(new[] { "Timestamp", "Value" }, Names(frame));
        Assert.Equal(new object[] { 20L, 4 }, frame.Rows[1].ToArray());
    }

    [Fact]
    public void Any_values_become_rows()
    {
        var frame = new[] { new { Bound = 1.0, Late = 3L } }.ToDataFrame();

        Assert.Equal(new[] { "Bound", "Late" }, Names(frame));
        Assert.Equal(new object[] { 1.0, 3L }, frame.Rows[0].ToArray());
    }

    private sealed record Reading(string Sensor, double Celsius);
}
