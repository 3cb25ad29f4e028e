using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace RxStreams.Services.Tests.Services;

/// <summary>
/// A server the tests started: one process (the program execs in place of the shell that starts it), its output in a
/// log file, stopped by a signal and, when it does not end, killed.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(string name, Process process, string log)
    {
        Name = name;
        _process = process;
        LogPath = log;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/>, as <paramref name="user"/> when given (through setpriv, which execs).</summary>
    public static ServerProcess Start(string name, string program, IEnumerable<string> arguments, string log, string? user = null)
    {
        var start = new ProcessStartInfo("/bin/bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        // exec keeps one process: its id is the server's, so a signal reaches the server itself.
        start.ArgumentList.Add("exec \"$@\" </dev/null >>\"$LOG\" 2>&1");
        start.ArgumentList.Add("server");
        if (user is not null)
        {
            start.ArgumentList.Add("/usr/bin/setpriv");
            start.ArgumentList.Add($"--reuid={user}");
            start.ArgumentList.Add($"--regid={user}");
            start.ArgumentList.Add("--clear-groups");
            start.ArgumentList.Add("--");
        }

        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LOG"] = log;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name}: could not start {program}");
        return new ServerProcess(name, process, log);
    }

    /// <summary>Runs a program to its end and returns its output; throws, with the output, when it fails.</summary>
    public static string Run(string program, IEnumerable<string> arguments, string? user = null)
    {
        var start = new ProcessStartInfo(user is null ? program : "/usr/bin/setpriv")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (user is not null)
        {
            foreach (var argument in new[] { $"--reuid={user}", $"--regid={user}", "--clear-groups", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} failed (exit {process.ExitCode}): {output}{error.Result}");
        }

        return output;
    }

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="ready"/> holds; throws with the server's log when it exits or takes longer than <paramref name="timeout"/>.</summary>
    public void WaitUntil(Func<bool> ready, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!ready())
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited (code {_process.ExitCode}) while starting: {Log()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{Name} did not accept connections within {timeout.TotalSeconds} s: {Log()}");
            }

            Thread.Sleep(20);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public string Log() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no log)";

    public const int SigInt = 2;
    public const int SigQuit = 3;
    public const int SigTerm = 15;
    public const int SigStop = 19;
    public const int SigCont = 18;

    /// <summary>Sends a signal to the server.</summary>
    public void Signal(int signal) => _ = Kill(_process.Id, signal);

    /// <summary>Sends <paramref name="signal"/>, waits for the end; kills the process when it is still there after <paramref name="grace"/>.</summary>
    public void Stop(int signal, TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, signal);
        if (!_process.WaitForExit(grace))
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
