// RxStreams quickstart: 5,000 out-of-order temperature readings from 4 sensors, averaged per sensor in 1-minute
// event-time windows that fire as the watermark passes them, with late readings updating a window or set aside.
// Run with: dotnet run --project samples/RxStreams.Quickstart
using System;
using System.Reactive.Linq;
using RxStreams;
using RxStreams.Quickstart;

var readings = TemperatureFeed.Generate(count: 5_000, seed: 42);
var printer = new WindowPrinter(TemperatureFeed.Sensors);
var tooLate = new SideOutput<Record<Reading>>("too-late");
tooLate.Subscribe(printer.OnTooLate);

// Enter event time: each reading is stamped with when it was measured, and the watermark ("nothing older is still
// coming") trails the newest reading by 2 s, so readings up to 2 s out of order are on time.
var averages = readings.ToObservable()
    .WithEventTime(r => r.Timestamp, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(2)))
    .Do(printer.OnInput)
    .KeyBy(r => r.Sensor)
    // One window per sensor and minute of event time; it fires when the watermark passes its end. A late reading
    // still updates its window for 10 s more (a late firing); after that it goes to the side output.
    .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMinutes(1)))
    .AllowedLateness(TimeSpan.FromSeconds(10))
    .SideOutputLateData(tooLate)
    .Average(r => r.Celsius);

printer.PrintHeader(readings.Count);
averages.Subscribe(printer.OnResult);
printer.PrintSummary(tooLate);
