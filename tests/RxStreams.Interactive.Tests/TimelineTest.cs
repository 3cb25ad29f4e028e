using System.Globalization;
using System.Reactive.Linq;
using System.Text.RegularExpressions;
using RxStreams.Interactive.Rendering;
using RxStreams.Interactive.Timeline;
using RxStreams.Testing;

namespace RxStreams.Interactive.Tests;

/// <summary>The timeline's SVG: label placement, colours per key, the legend, and timelines side by side.</summary>
public class TimelineTest
{
    /// <summary>Two keys; W10000 fires four windows at once, a@2000 is late and updates [0, 5000) of a.</summary>
    private static EventTimeline Recorded(bool withKeys = true, string input = "a@1000 b@2000 a@6000 b@7000 W10000 a@2000 Wmax")
    {
        var timeline = new EventTimeline();
        StreamDescription.Parse(input).ToObservable()
            .RecordTimeline(timeline, withKeys ? x => x : null)
            .KeyBy(x => x)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(5)))
            .AllowedLateness(TimeSpan.FromSeconds(10))
            .Count()
            .RecordFirings(timeline)
            .Subscribe();
        return timeline;
    }

    private static double[] Numbers(string svg, string pattern) =>
        Regex.Matches(svg, pattern).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void Labels_of_windows_firing_together_do_not_overlap_and_sit_right_of_the_plot_and_the_watermark()
    {
        var svg = TimelineSvg.Render(Recorded());

        var labelYs = Numbers(svg, "<text class=\"label\" x=\"[^\"]*\" y=\"([^\"]*)\"");
        var labelXs = Numbers(svg, "<text class=\"label\" x=\"([^\"]*)\"");
        var plotRight = Numbers(svg, "<rect x=\"([^\"]*)\" y=\"34\" width=\"[^\"]*\"").Single() + Numbers(svg, "<rect x=\"[^\"]*\" y=\"34\" width=\"([^\"]*)\"").Single();
        var watermarkXs = Numbers(Regex.Match(svg, "<path class=\"watermark\" d=\"([^\"]*)\"").Groups[1].Value, "(?:M|H) ([0-9.]+)");

        Assert.Equal(5, labelYs.Length);   // four on time, one late
        Assert.All(labelYs.Zip(labelYs.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimelineSvg.LabelSpacing, $"labels at {pair.First} and {pair.Second} overlap"));
        Assert.All(labelXs, x => Assert.True(x > plotRight, $"label at {x} inside the plot (right edge {plotRight})"));
        Assert.All(watermarkXs, x => Assert.True(x <= plotRight, $"watermark at {x} right of the plot"));
        Assert.Equal(new[] { "a=1", "b=1", "a=1", "b=1", "a=2 (late)" }, Regex.Matches(svg, "<text class=\"label\"[^>]*>([^<]*)</text>").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void Label_positions_keep_their_bars_height_unless_the_one_above_is_too_close() =>
        Assert.Equal(new[] { 13.5, 25.5, 37.5, 103.5 }, TimelineSvg.LabelPositions([10, 11, 12, 100]));

    [Fact]
    public void Records_and_firings_take_their_keys_colour_and_late_records_a_red_ring()
    {
        var svg = TimelineSvg.Render(Recorded());

        var records = Regex.Matches(svg, "<circle class=\"(record[^\"]*)\"[^>]* fill=\"([^\"]*)\"([^>]*)>").Select(m => (Class: m.Groups[1].Value, Fill: m.Groups[2].Value, Attributes: m.Groups[3].Value)).ToArray();
        var bars = Regex.Matches(svg, "<g class=\"firing\" data-firing=\"[^\"]*\"><rect [^>]* fill=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToArray();

        // Records a, b, a, b, late a; bars a, b, a, b (on time), late a.
        var a = records[0].Fill;
        var b = records[1].Fill;
        Assert.NotEqual(a, b);
        Assert.Equal(new[] { a, b, a, b, a }, records.Select(r => r.Fill));
        Assert.Equal(new[] { "record", "record", "record", "record", "record late" }, records.Select(r => r.Class));
        Assert.Contains("stroke=\"#c62828\"", records[4].Attributes, StringComparison.Ordinal);
        Assert.Equal(new[] { a, b, a, b, a }, bars);
    }

    [Fact]
    public void The_legend_lists_only_what_occurs()
    {
        string[] Legend(string svg) => Regex.Matches(svg, "<g class=\"entry\" data-entry=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToArray();

        Assert.Equal(new[] { "a", "b", "late record", "watermark", "window fired", "late update" }, Legend(TimelineSvg.Render(Recorded())));
        Assert.Equal(new[] { "a", "b", "watermark", "window fired" }, Legend(TimelineSvg.Render(Recorded(input: "a@1000 b@2000 W10000 Wmax"))));
        Assert.Equal(new[] { "a", "record", "window fired" }, Legend(TimelineSvg.Render(Recorded(withKeys: false, input: "a@1000"))));
    }

    [Fact]
    public void Three_timelines_side_by_side_fit_one_notebook_row_and_shrink_with_it()
    {
        var html = SideBySide.Of(Recorded(), Recorded(), Recorded()).ToString()!;

        var widths = Numbers(html, "<svg class=\"rxs-timeline\"[^>]* width=\"([^\"]*)\"");
        var items = Regex.Matches(html, "<div style=\"flex:1 1 ([0-9]+)px;max-width:([0-9]+)px\"><svg").Select(m => (Basis: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Max: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToArray();

        Assert.Equal(new[] { 380.0, 380, 380 }, widths);
        Assert.Equal(3, items.Length);
        Assert.True(items.Sum(i => i.Max) + 2 * 24 <= 1200, "three at full size fit a 1,200 px output");
        Assert.True(items.Sum(i => i.Basis) + 2 * 24 <= 960, "they stay in one row down to 960 px");
        Assert.Equal(3, Regex.Count(html, "style=\"max-width:100%;height:auto\""));
        Assert.Contains(".rxs .side{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Calendar_times_show_the_time_of_day_on_ticks_and_the_date_once_in_the_axis_title()
    {
        var timeline = new EventTimeline();
        timeline.AddRecord(1_717_232_340_000, "x", "berlin");
        timeline.AddRecord(1_717_232_400_000, "y", "berlin");

        var svg = TimelineSvg.Render(timeline);

        Assert.Contains(">event time (UTC, 2024-06-01)</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">08:59:00</text>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("1717232", svg, StringComparison.Ordinal);
    }
}
