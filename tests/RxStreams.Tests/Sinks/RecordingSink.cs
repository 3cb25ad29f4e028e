using System.IO;
using RxStreams.Sinks;

namespace RxStreams.Tests.Sinks;

/// <summary>A plain sink that logs what its writers are asked to do: "[a b]@t" per batch (t in ticks of its scheduler), "flush", "dispose".</summary>
internal sealed class RecordingSink(SinkOptions? options = null, Func<string, bool>? failOn = null) : Sink<string>("recording", options)
{
    public List<string> Log { get; } = [];

    public Func<string, bool>? FailOn { get; } = failOn;

    public List<SinkContext> Contexts { get; } = [];

    public override SinkGuarantee Guarantee => SinkGuarantee.AtLeastOnce;

    protected internal override SinkWriter<string> CreateWriter(SinkContext context)
    {
        lock (Log)
        {
            Contexts.Add(context);
        }

        return new Writer(context, this);
    }

    private sealed class Writer(SinkContext context, RecordingSink sink) : SinkWriter<string>(context)
    {
        protected internal override void Write(ReadOnlySpan<string> batch)
        {
            foreach (var record in batch)
            {
                if (sink.FailOn?.Invoke(record) == true)
                {
                    throw new IOException($"the disk refused {record}");
                }
            }

            lock (sink.Log)
            {
                sink.Log.Add($"[{string.Join(' ', batch.ToArray())}]@{Context.Scheduler.Now.Ticks}");
            }
        }

        protected internal override void Flush()
        {
            lock (sink.Log)
            {
                sink.Log.Add("flush");
            }
        }

        protected override void Dispose(bool disposing)
        {
            lock (sink.Log)
            {
                sink.Log.Add("dispose");
            }

            base.Dispose(disposing);
        }
    }
}
