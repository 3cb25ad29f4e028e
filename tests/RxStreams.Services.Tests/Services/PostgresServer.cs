using System.Globalization;
using System.IO;
using Npgsql;

namespace RxStreams.Services.Tests.Services;

/// <summary>
/// A PostgreSQL 15 instance of the tests' own: initdb'd in a temporary directory, listening on 127.0.0.1 only (no Unix
/// socket) on a free port, as the unprivileged <c>postgres</c> user when the tests run as root (PostgreSQL refuses
/// root), with <c>fsync</c> off unless asked (a test database need not survive a power cut).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly string _directory;
    private readonly string _pidFile;
    private readonly string? _user;
    private readonly int _maxPreparedTransactions;
    private readonly bool _durable;
    private ServerProcess? _process;

    private PostgresServer(string directory, string pidFile, string? user, int port, int maxPreparedTransactions, bool durable)
    {
        _durable = durable;
        _directory = directory;
        _pidFile = pidFile;
        _user = user;
        Port = port;
        _maxPreparedTransactions = maxPreparedTransactions;
    }

    public int Port { get; }

    /// <summary>Connects as the superuser to the <c>postgres</c> database; pooling off, so a stopped server is seen at once.</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=5;Command Timeout=30";

    public bool Running => _process is { HasExited: false };

    /// <summary>Creates and starts an instance in <c>root/name</c>; <paramref name="durable"/> keeps PostgreSQL's fsync and synchronous commit on (the bench).</summary>
    public static PostgresServer Start(string root, string name, int maxPreparedTransactions, bool durable = false)
    {
        foreach (var program in new[] { "initdb", "postgres" })
        {
            if (!File.Exists(Path.Combine(BinDirectory, program)))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL 15 is not installed ({BinDirectory}/{program} is missing): the services tests need it. Run 'bash scripts/services/install.sh' (the README's test command 'bash test.sh' does).");
            }
        }

        string? user = null;
        if (Environment.UserName == "root")
        {
            // PostgreSQL refuses to run as root; Debian's package creates this user.
            user = "postgres";
            try
            {
                ServerProcess.Run("/usr/bin/id", ["-u", user]);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"PostgreSQL refuses to run as root, and the user '{user}' to run it as does not exist: {e.Message}", e);
            }
        }

        var directory = Path.Combine(root, name);
        ServerProcess.Run(
            Path.Combine(BinDirectory, "initdb"),
            ["-D", directory, "-U", "postgres", "-A", "trust", "--no-sync", "--no-instructions", "-E", "UTF8", "--locale=C"],
            user);
        var server = new PostgresServer(directory, Path.Combine(root, name + ".pid"), user, ServerProcess.FreePort(), maxPreparedTransactions, durable);
        server.StartProcess();
        return server;
    }

    /// <summary>Starts the server again on its directory and port, after <see cref="Stop"/>.</summary>
    public void StartProcess()
    {
        _process?.Dispose();
        _process = ServerProcess.Start(
            "PostgreSQL",
            Path.Combine(BinDirectory, "postgres"),
            [
                "-D", _directory,
                "-h", "127.0.0.1",
                "-p", Port.ToString(CultureInfo.InvariantCulture),
                "-c", "unix_socket_directories=",
                "-c", $"max_prepared_transactions={_maxPreparedTransactions}",
                "-c", "max_connections=60",
                "-c", $"fsync={(_durable ? "on" : "off")}",
                "-c", $"synchronous_commit={(_durable ? "on" : "off")}",
                "-c", $"full_page_writes={(_durable ? "on" : "off")}",
            ],
            _directory + ".log",
            _user);
        File.WriteAllText(_pidFile, _process.Id.ToString(CultureInfo.InvariantCulture));
        _process.WaitUntil(Accepts, TimeSpan.FromSeconds(30));
    }

    /// <summary>Stops the server at once (fast shutdown: sessions are ended, open transactions rolled back, prepared ones kept).</summary>
    public void Stop()
    {
        _process?.Stop(ServerProcess.SigInt, TimeSpan.FromSeconds(20));
        if (File.Exists(_pidFile))
        {
            File.Delete(_pidFile);
        }
    }

    public NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public void Execute(string sql)
    {
        using var connection = Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public T Scalar<T>(string sql)
    {
        using var connection = Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        Stop();
        _process?.Dispose();
    }

    private bool Accepts()
    {
        try
        {
            using var connection = new NpgsqlConnection(ConnectionString + ";Timeout=1");
            connection.Open();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
