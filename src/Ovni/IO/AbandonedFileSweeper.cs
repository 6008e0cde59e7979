using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Ovni.IO;

/// <summary>
/// Removes temporary files that a killed Ovni run left in a folder. A file is abandoned only when its owner is
/// provably gone: its name's <see cref="ProcessStamp"/> names a process of this machine and boot that no longer
/// runs (or a boot that is over), and the owner's lock on it is free. Files of other machines (a shared folder)
/// are removed only when their lock is free and they have not changed for an hour. Names of older Ovni versions
/// (<c>.NAME.ovni-&lt;guid&gt;.partial.EXT</c>, no owner recorded) are removed after a day without change.
/// </summary>
internal static partial class AbandonedFileSweeper
{
    private static readonly TimeSpan s_foreignAge = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_legacyAge = TimeSpan.FromDays(1);

    [GeneratedRegex(@"\.ovni-([0-9a-f]+-[0-9a-z]+-[0-9]+-[0-9a-z]+)-[0-9a-f]+\.partial$", RegexOptions.CultureInvariant)]
    private static partial Regex Stamped();

    [GeneratedRegex(@"^\..*\.ovni-[0-9a-f]{32}\.partial(\.[^.]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Legacy();

    /// <summary>Sweeps <paramref name="directory"/>; returns the paths removed. Never throws.</summary>
    internal static IReadOnlyList<string> Sweep(string directory, ILogger logger)
    {
        var removed = new List<string>();
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, ".*.ovni-*.partial*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return removed;
        }
        foreach (string path in candidates)
        {
            string name = Path.GetFileName(path);
            bool abandoned;
            Match match = Stamped().Match(name);
            if (match.Success && ProcessStamp.TryParse(match.Groups[1].Value, out ProcessStamp owner))
            {
                abandoned = owner.IsAbandoned(() => UnchangedFor(path, s_foreignAge));
            }
            else
            {
                abandoned = Legacy().IsMatch(name) && UnchangedFor(path, s_legacyAge);
            }
            if (abandoned && TryDeleteUnlocked(path))
            {
                removed.Add(path);
                logger.LogInformation("Removed {Path}, a temporary file left by an Ovni run that ended without cleaning up", path);
            }
        }
        return removed;
    }

    private static bool UnchangedFor(string path, TimeSpan age)
    {
        try { return DateTime.UtcNow - File.GetLastWriteTimeUtc(path) >= age; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Deletes the file only if nobody holds its lock (an owner in another PID namespace still would).</summary>
    private static bool TryDeleteUnlocked(string path)
    {
        try
        {
            // FileShare.None asks for the exclusive flock on Unix: it fails while the owner holds the file.
            using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1))
            {
                File.Delete(path);
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
