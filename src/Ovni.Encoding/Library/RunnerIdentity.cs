using System.Diagnostics;
using System.Globalization;

namespace Ovni.Encoding.Library;

/// <summary>
/// Who holds a job: "host:pid:start-ticks". A job whose owner is a process of this host that no longer runs (or whose
/// pid now belongs to a newer process) is orphaned at once; owners elsewhere are trusted until their lease expires.
/// </summary>
internal static class RunnerIdentity
{
    internal static string Current { get; } = Describe(Process.GetCurrentProcess());

    private static string Describe(Process process) =>
        $"{Environment.MachineName}:{process.Id}:{process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture)}";

    internal static bool IsDead(string owner)
    {
        if (owner == Current) return false;
        string[] parts = owner.Split(':');
        if (parts.Length != 3 || parts[0] != Environment.MachineName) return false;
        if (!int.TryParse(parts[1], CultureInfo.InvariantCulture, out int pid)) return true;
        try
        {
            using Process process = Process.GetProcessById(pid);
            return Describe(process) != owner;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true; // exited while we looked
        }
    }
}
