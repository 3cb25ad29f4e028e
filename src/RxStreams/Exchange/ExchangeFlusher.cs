using System.Collections.Generic;
using System.Threading;

namespace RxStreams.Exchanges;

/// <summary>A channel whose written elements can be published from another thread.</summary>
internal interface IFlushable
{
    bool IsDone { get; }

    void Flush();
}

/// <summary>
/// Bounds the latency of group publishing: one background thread publishes every open channel's written elements
/// about once a millisecond, so a producer that stops mid-group (a slow or paused source) does not hold records back.
/// </summary>
internal static class ExchangeFlusher
{
    private static readonly List<IFlushable> Channels = new();
    private static readonly object Gate = new();
    private static Thread? _thread;

    public static void Register(IFlushable channel)
    {
        lock (Gate)
        {
            Channels.Add(channel);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "RxStreams exchange flusher" };
                _thread.Start();
            }
            else
            {
                Monitor.PulseAll(Gate);
            }
        }
    }

    private static void Run()
    {
        var snapshot = new List<IFlushable>();
        while (true)
        {
            lock (Gate)
            {
                Channels.RemoveAll(static c => c.IsDone);
                while (Channels.Count == 0)
                {
                    Monitor.Wait(Gate);
                }

                snapshot.Clear();
                snapshot.AddRange(Channels);
            }

            foreach (var channel in snapshot)
            {
                channel.Flush();
            }

            Thread.Sleep(1);
        }
    }
}
