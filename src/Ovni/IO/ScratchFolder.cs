using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ovni.IO;

/// <summary>
/// A private working folder in the system's temporary folder (samples, probe encodes), removed when disposed. A run that is
/// killed cannot remove its own, so each new one first removes the folders of Ovni runs that are provably gone: the folder's
/// name records its owner (machine, boot, process and its start time) and the owner holds a lock on a file inside for as
/// long as the folder lives. Folders of older Ovni versions (<c>ovni-tq-</c>, <c>ovni-chunk-tq-</c>, <c>ovni-ladder-</c> and
/// 32 hex digits in the temporary folder, <c>.NAME.ovni-hull-</c> and 32 hex digits beside an output; no owner recorded) are
/// removed once nothing in them has changed for a day.
/// </summary>
public sealed partial class ScratchFolder : IDisposable
{
    private const string OwnerFile = ".owner";
    private static readonly TimeSpan s_unownedAge = TimeSpan.FromDays(1);

    private readonly FileStream _lock;
    private bool _disposed;

    private ScratchFolder(string path, FileStream ownerLock)
    {
        Path = path;
        _lock = ownerLock;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// Creates a new folder named after <paramref name="purpose"/> in the system's temporary folder, after removing the
    /// folders that killed Ovni runs left there.
    /// </summary>
    /// <param name="purpose">A short name of lower-case letters, digits and dashes, such as <c>tq</c>: the folder is <c>ovni-PURPOSE.OWNER.RANDOM</c>.</param>
    /// <param name="logger">Told about every abandoned folder removed.</param>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is empty or has other characters.</exception>
    /// <exception cref="OvniException">The folder cannot be created (the temporary folder is missing, full or read-only).</exception>
    public static ScratchFolder Create(string purpose, ILogger? logger = null) => Create(purpose, System.IO.Path.GetTempPath(), logger);

    /// <summary>
    /// Creates a hidden folder beside <paramref name="file"/> (<c>.NAME.ovni-PURPOSE.OWNER.RANDOM</c>, at most 48 bytes of the
    /// name kept), on the same file system, so that what is made in it can be renamed onto <paramref name="file"/>; first
    /// removes the folders that killed Ovni runs left beside it.
    /// </summary>
    /// <param name="file">The file the work is for (it need not exist yet; its folder must).</param>
    /// <param name="purpose">As for <see cref="Create(string, ILogger?)"/>.</param>
    /// <param name="logger">Told about every abandoned folder removed.</param>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is empty or has other characters.</exception>
    /// <exception cref="OvniException">The folder cannot be created there.</exception>
    public static ScratchFolder CreateBeside(string file, string purpose, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        string full = System.IO.Path.GetFullPath(file);
        return Create(purpose, System.IO.Path.GetDirectoryName(full)!, logger, $".{TemporaryOutputFile.TruncateUtf8(System.IO.Path.GetFileName(full), 48)}.");
    }

    internal static ScratchFolder Create(string purpose, string parent, ILogger? logger = null, string hiddenPrefix = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        if (!Purpose().IsMatch(purpose)) throw new ArgumentException($"'{purpose}' is not a purpose of lower-case letters, digits and dashes.", nameof(purpose));
        Sweep(parent, logger ?? NullLogger.Instance);
        string random = Convert.ToHexString(Guid.NewGuid().ToByteArray(), 0, 6).ToLowerInvariant();
        string path = System.IO.Path.Combine(System.IO.Path.GetFullPath(parent), $"{hiddenPrefix}ovni-{purpose}.{ProcessStamp.Current.Format()}.{random}");
        try
        {
            Directory.CreateDirectory(path);
            // FileShare.None takes the exclusive flock on Unix: a sweeper in any process fails to take it while this run lives.
            var ownerLock = new FileStream(System.IO.Path.Combine(path, OwnerFile), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1);
            return new ScratchFolder(path, ownerLock);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(path);
            throw new OvniException($"Cannot create a working folder in '{parent}': {e.Message}", e) { FilePath = path };
        }
    }

    /// <summary>Removes the folder and everything in it (errors are ignored: a file still open elsewhere stays).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _lock.Dispose();
        TryDelete(Path);
    }

    /// <summary>Removes the folders in <paramref name="parent"/> that killed Ovni runs left; returns their paths. Never throws.</summary>
    internal static IReadOnlyList<string> Sweep(string parent, ILogger logger)
    {
        var removed = new List<string>();
        List<string> candidates;
        try
        {
            candidates = Directory.EnumerateDirectories(parent, "ovni-*").Concat(Directory.EnumerateDirectories(parent, ".*.ovni-*")).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return removed;
        }
        foreach (string folder in candidates)
        {
            string name = System.IO.Path.GetFileName(folder);
            bool abandoned;
            Match owned = Owned().Match(name);
            if (owned.Success && ProcessStamp.TryParse(owned.Groups[2].Value, out ProcessStamp owner))
            {
                // Another machine's or an unknown boot's folder only when long quiet; and never while its lock is held.
                abandoned = owner.IsAbandoned(() => UnchangedFor(folder, s_unownedAge)) && OwnerLockIsFree(folder);
            }
            else
            {
                abandoned = Legacy().IsMatch(name) && UnchangedFor(folder, s_unownedAge);
            }
            if (abandoned && TryDelete(folder))
            {
                removed.Add(folder);
                logger.LogInformation("Removed {Path}, a working folder left by an Ovni run that ended without cleaning up", folder);
            }
        }
        return removed;
    }

    // An owner in another PID namespace (a container sharing the folder) looks dead by its pid but still holds its lock.
    private static bool OwnerLockIsFree(string folder)
    {
        try
        {
            using (new FileStream(System.IO.Path.Combine(folder, OwnerFile), FileMode.Open, FileAccess.Read, FileShare.None, 1)) { }
            return true;
        }
        catch (FileNotFoundException) { return true; }    // killed between creating the folder and its lock file
        catch (DirectoryNotFoundException) { return false; } // gone already
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    private static bool UnchangedFor(string folder, TimeSpan age)
    {
        try
        {
            DateTime limit = DateTime.UtcNow - age;
            if (Directory.GetLastWriteTimeUtc(folder) > limit) return false;
            foreach (string entry in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories))
                if (File.GetLastWriteTimeUtc(entry) > limit) return false;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Purpose();

    [GeneratedRegex(@"^(\..*\.)?ovni-[a-z0-9-]+\.([0-9a-f]+-[0-9a-z]+-[0-9]+-[0-9a-z]+)\.[0-9a-f]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Owned();

    [GeneratedRegex(@"^(ovni-(tq|chunk-tq|ladder)|\..*\.ovni-hull)-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Legacy();
}
