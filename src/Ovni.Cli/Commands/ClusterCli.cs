using System.Runtime.InteropServices;
using Ovni.Distributed;

namespace Ovni.Cli.Commands;

/// <summary>What the cluster commands share: the connection options and quiet encoder logs.</summary>
internal static partial class ClusterCli
{
    /// <summary>The cluster options of a command: connection string and, when given (seconds &gt; 0), the chunk lease.</summary>
    internal static ClusterOptions Options(string connection, double leaseSeconds = 0)
    {
        var options = new ClusterOptions { ConnectionString = connection };
        if (leaseSeconds < 0 || double.IsNaN(leaseSeconds)) throw new OvniException("--lease must be a positive number of seconds.");
        return leaseSeconds > 0 ? options with { Lease = TimeSpan.FromSeconds(leaseSeconds) } : options;
    }

    internal static System.CommandLine.Option<double> LeaseOption() => new("--lease")
    {
        Description = "Seconds a chunk may go without a heartbeat before another worker takes it over (default 120; " +
                      "a live worker renews it every fifth of that).",
    };

    /// <summary>
    /// SVT-AV1 prints its configuration banner for every encoder it opens (every chunk); keep its warnings and errors only,
    /// unless the user set SVT_LOG. FFmpeg's libraries read the process environment, which .NET's own copy does not reach.
    /// </summary>
    internal static void QuietEncoderBanners()
    {
        if (OperatingSystem.IsWindows() || Environment.GetEnvironmentVariable("SVT_LOG") is not null) return;
        _ = setenv("SVT_LOG", "2", 0);
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
