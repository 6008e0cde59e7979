using System.Diagnostics;
using Ovni.IO;

namespace Ovni.Tests.Safety;

/// <summary>The stamp of a process that lived and died on this machine (Linux: its start time is read from /proc while it runs).</summary>
internal static class DeadProcess
{
    internal static ProcessStamp Stamp()
    {
        using Process child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        string stat = File.ReadAllText($"/proc/{child.Id}/stat");
        long start = long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19], System.Globalization.CultureInfo.InvariantCulture);
        child.Kill();
        child.WaitForExit();
        return new ProcessStamp(ProcessStamp.Current.Host, ProcessStamp.Current.Boot, child.Id, start);
    }
}
