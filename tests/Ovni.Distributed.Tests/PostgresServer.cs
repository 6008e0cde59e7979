using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Ovni.Distributed.Tests;

/// <summary>
/// A real PostgreSQL for the test run: Debian's binaries, initdb into a temporary folder, pg_ctl on a free loopback
/// port (as the postgres user when the tests run as root, which initdb refuses), stopped and deleted at the end.
/// Without PostgreSQL installed the cluster tests skip with the reason.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string? _bin;
    private readonly string _folder;
    private readonly string? _runAs;
    private int _databases;

    public PostgresServer()
    {
        _folder = Path.Combine(Path.GetTempPath(), "ovni-pg-" + Environment.ProcessId);
        _bin = FindBinaries();
        if (_bin is null)
        {
            SkipReason = "PostgreSQL is not installed (Debian package postgresql; scripts/install-deps.sh installs it)";
            return;
        }
        _runAs = Environment.UserName == "root" ? "postgres" : null;
        try
        {
            Start();
        }
        catch (Exception e)
        {
            SkipReason = null;
            StartError = $"Could not start PostgreSQL from {_bin}: {e.Message}";
        }
    }

    /// <summary>Why cluster tests skip (PostgreSQL missing), or null.</summary>
    public string? SkipReason { get; }

    /// <summary>Why PostgreSQL did not start although it is installed (a failure, not a skip).</summary>
    public string? StartError { get; }

    public int Port { get; private set; }

    /// <summary>Skips or fails the calling test when there is no server; otherwise a fresh database's connection string.</summary>
    public string NewDatabase()
    {
        if (SkipReason is not null) Assert.Skip(SkipReason);
        if (StartError is not null) Assert.Fail(StartError);
        string name = $"ovni_test_{Interlocked.Increment(ref _databases)}";
        using (var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=ovni;Database=postgres"))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        return $"Host=127.0.0.1;Port={Port};Username=ovni;Database={name}";
    }

    private static string? FindBinaries()
    {
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            string? newest = Directory.GetDirectories("/usr/lib/postgresql")
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")) && File.Exists(Path.Combine(d, "bin", "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out int v) ? v : 0).FirstOrDefault();
            if (newest is not null) return Path.Combine(newest, "bin");
        }
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        return null;
    }

    private void Start()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        Directory.CreateDirectory(_folder);
        if (_runAs is not null) Run("chown", _runAs, _folder);
        string data = Path.Combine(_folder, "data");
        RunAs(Path.Combine(_bin!, "initdb"), "-D", data, "-U", "ovni", "--auth=trust", "-E", "UTF8", "--no-sync");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        RunAs(Path.Combine(_bin!, "pg_ctl"), "-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300");
    }

    private void RunAs(string program, params string[] args)
    {
        if (_runAs is null) Run(program, args);
        else Run("runuser", ["-u", _runAs, "--", program, .. args]);
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process p = Process.Start(start)!;
        Task<string> output = p.StandardOutput.ReadToEndAsync();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({p.ExitCode}): {error} {output.Result}");
    }

    public void Dispose()
    {
        if (_bin is null || Port == 0) return;
        try { RunAs(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"); } catch (InvalidOperationException) { }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition("cluster")]
public sealed class ClusterCollection : ICollectionFixture<PostgresServer>;
