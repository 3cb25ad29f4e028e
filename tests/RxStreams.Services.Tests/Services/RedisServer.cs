using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text;

namespace RxStreams.Services.Tests.Services;

/// <summary>A redis-server of the tests' own: on 127.0.0.1 only, on a free port, without persistence, in a temporary directory.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly ServerProcess _process;

    private RedisServer(ServerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=10000";

    public static RedisServer Start(string root)
    {
        var program = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "redis-server is not installed: the services tests need it. Run 'bash scripts/services/install.sh' (the README's test command 'bash test.sh' does).");
        var directory = Path.Combine(root, "redis");
        Directory.CreateDirectory(directory);
        var port = ServerProcess.FreePort();
        var process = ServerProcess.Start(
            "redis-server",
            program,
            [
                "--port", port.ToString(CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--dir", directory,
                "--save", string.Empty,
                "--appendonly", "no",
                "--daemonize", "no",
                "--protected-mode", "yes",
            ],
            Path.Combine(root, "redis.log"));
        File.WriteAllText(Path.Combine(root, "redis.pid"), process.Id.ToString(CultureInfo.InvariantCulture));
        var server = new RedisServer(process, port);
        process.WaitUntil(server.AnswersPing, TimeSpan.FromSeconds(20));
        return server;
    }

    /// <summary>Freezes the server (SIGSTOP): it keeps its connections but answers nothing until <see cref="Resume"/>.</summary>
    public void Pause() => _process.Signal(ServerProcess.SigStop);

    public void Resume() => _process.Signal(ServerProcess.SigCont);

    public void Dispose()
    {
        // SIGTERM: redis-server shuts down at once (nothing to save); a paused one must run again to hear it.
        Resume();
        _process.Stop(ServerProcess.SigTerm, TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private bool AnswersPing()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
