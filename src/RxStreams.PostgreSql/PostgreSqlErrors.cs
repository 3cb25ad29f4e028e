using System;
using System.IO;
using System.Net.Sockets;
using Npgsql;
using RxStreams.Sinks;

namespace RxStreams.PostgreSql;

/// <summary>Turns Npgsql's errors into the sink's: the server gone (a restart may mend it) or a failure that repeats.</summary>
internal static class PostgreSqlErrors
{
    public static bool IsUnavailable(Exception error, NpgsqlConnection? connection) =>
        error switch
        {
            PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal)
                || p.SqlState is "57P01" or "57P02" or "57P03" or "53300" or "40001" or "40P01",
            NpgsqlException n => n.IsTransient || n.InnerException is IOException or SocketException or TimeoutException,
            SocketException or IOException or TimeoutException => true,
            InvalidOperationException or ObjectDisposedException => connection is not null && connection.FullState.HasFlag(System.Data.ConnectionState.Broken) || connection?.State == System.Data.ConnectionState.Closed,
            _ => false,
        };

    /// <summary>The sink's error for <paramref name="error"/>, raised while <paramref name="doing"/>.</summary>
    public static SinkException Wrap(SinkContext? context, Exception error, string doing, NpgsqlConnection? connection, string server)
    {
        if (error is SinkException sink)
        {
            return sink;
        }

        return IsUnavailable(error, connection)
            ? new SinkUnavailableException(context, $"{doing} failed: the PostgreSQL server at {server} is unavailable: {error.Message}", error)
            : new SinkException(context, $"{doing} failed: {error.Message}", error);
    }

    public static string Server(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
