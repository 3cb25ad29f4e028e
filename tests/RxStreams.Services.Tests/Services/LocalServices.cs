using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;

namespace RxStreams.Services.Tests.Services;

/// <summary>
/// The real servers the tests of the <see cref="ServicesCollection"/> use: one redis-server and one PostgreSQL 15 (with
/// <c>max_prepared_transactions</c> = 20) started once, side by side, in a temporary directory, and stopped, with the
/// directory deleted, when the collection ends, even when tests failed. A watchdog process outside the test host's
/// session stops them too if the test host dies without disposing this (killed, crashed), so no server outlives the
/// run. When they cannot be started, every test of the collection fails with the reason: nothing is skipped.
/// </summary>
public sealed class LocalServices : IDisposable
{
    private readonly string _root;
    private readonly Process _watchdog;
    private readonly Lazy<PostgresServer> _postgresWithout2Pc;

    public LocalServices()
    {
        _root = Directory.CreateTempSubdirectory("rxstreams-services-").FullName;
        // The unprivileged postgres user creates its data directories in here.
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_111_111);
        _watchdog = StartWatchdog(_root);
        try
        {
            var redis = Task.Run(() => RedisServer.Start(_root));
            var postgres = Task.Run(() => PostgresServer.Start(_root, "pg", maxPreparedTransactions: 20));
            Task.WhenAll(redis, postgres).ContinueWith(_ => { }, TaskScheduler.Default).Wait();
            if (redis.IsFaulted || postgres.IsFaulted)
            {
                if (redis.IsCompletedSuccessfully)
                {
                    redis.Result.Dispose();
                }

                if (postgres.IsCompletedSuccessfully)
                {
                    postgres.Result.Dispose();
                }

                throw new InvalidOperationException(
                    "The services tests need a real redis-server and PostgreSQL 15, which could not be started: "
                    + string.Join("; ", new[] { redis.Exception, postgres.Exception }.Where(e => e is not null).Select(e => e!.InnerException!.Message)));
            }

            Redis = redis.Result;
            Postgres = postgres.Result;
            _postgresWithout2Pc = new Lazy<PostgresServer>(() => PostgresServer.Start(_root, "pg-no-2pc", maxPreparedTransactions: 0));
        }
        catch
        {
            StopWatchdogAndClean();
            throw;
        }
    }

    public RedisServer Redis { get; }

    public PostgresServer Postgres { get; }

    /// <summary>A second PostgreSQL with <c>max_prepared_transactions = 0</c> (the shipped default), started when first asked for.</summary>
    public PostgresServer PostgresWithout2Pc => _postgresWithout2Pc.Value;

    public void Dispose()
    {
        Redis.Dispose();
        Postgres.Dispose();
        if (_postgresWithout2Pc.IsValueCreated)
        {
            _postgresWithout2Pc.Value.Dispose();
        }

        StopWatchdogAndClean();
    }

    private void StopWatchdogAndClean()
    {
        if (!_watchdog.HasExited)
        {
            _watchdog.Kill();
            _watchdog.WaitForExit();
        }

        _watchdog.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>
    /// A shell in a session of its own (setsid: a kill of the test host's process group misses it) that waits for the
    /// test host to end, then stops every server whose pid file is in <paramref name="root"/> and deletes it.
    /// </summary>
    private static Process StartWatchdog(string root)
    {
        const string script = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$OWNER"; do sleep 0.5; done
            for f in "$ROOT"/*.pid; do [ -e "$f" ] && kill -INT "$(cat "$f")"; done
            for i in $(seq 50); do
                alive=0
                for f in "$ROOT"/*.pid; do [ -e "$f" ] && kill -0 "$(cat "$f")" && alive=1; done
                [ "$alive" = 0 ] && break
                sleep 0.1
            done
            for f in "$ROOT"/*.pid; do [ -e "$f" ] && kill -KILL "$(cat "$f")"; done
            rm -rf "$ROOT"
            """;
        var start = new ProcessStartInfo("/usr/bin/setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "/bin/bash", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["OWNER"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        start.Environment["ROOT"] = root;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the services watchdog");
    }
}
