using System;

namespace RxStreams.Testing;

/// <summary>One run of a <see cref="CrashTest"/>: the failures injected and how its output differed from the reference.</summary>
/// <param name="Run">The run's number, from 0; with the options' seed it reproduces the run.</param>
/// <param name="Crashes">Failures injected (a planned failure at a point the run never reached is not counted).</param>
/// <param name="Lost">Reference records missing from the output (each copy counted).</param>
/// <param name="Duplicated">Reference records the output has more often than the reference.</param>
/// <param name="Changed">Output records the reference does not have at all (results computed from lost or repeated input).</param>
/// <param name="Error">Why the job did not complete, if it did not (a restart strategy gave up, or it hung).</param>
public sealed record CrashTestRun(int Run, int Crashes, long Lost, long Duplicated, long Changed, Exception? Error);
