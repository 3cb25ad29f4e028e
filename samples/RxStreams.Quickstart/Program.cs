// RxStreams quickstart: 5,000 out-of-order temperature readings from 4 sensors, processed in event time.
// Run with: dotnet run --project samples/RxStreams.Quickstart
using System;
using System.Reactive.Linq;
using RxStreams;
using RxStreams.Quickstart;

var readings = TemperatureFeed.Generate(count: 5_000, seed: 42);
var dashboard = new Dashboard(TemperatureFeed.Sensors);
var late = new SideOutput<Record<Reading>>("late-readings");
late.Subscribe(dashboard.OnLate);

// Enter event time: each reading is stamped with when it was measured; the watermark trails the newest reading by
// 2 s, so readings up to 2 s out of order are on time. Anything behind the watermark goes to the `late` side output.
var stream = readings.ToObservable()
    .WithEventTime(r => r.Timestamp, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(2)))
    .DivertLate(late)
    .Publish(); // one pass over the input feeds several aggregations

// Rolling aggregations per sensor: every reading updates its sensor's result, with the reading's timestamp.
var bySensor = stream.KeyBy(r => r.Sensor);
bySensor.Count().Values().Subscribe(dashboard.OnCount);
bySensor.Max(r => r.Celsius).Values().Subscribe(dashboard.OnMax);
bySensor.Average(r => r.Celsius).Values().Subscribe(dashboard.OnAverage);

// Watermarks reach this subscriber after the aggregations above have seen every reading before them.
stream.Watermarks().Subscribe(dashboard.OnWatermark);

dashboard.PrintHeader(readings.Count);
stream.Connect();
dashboard.PrintSummary(late);
