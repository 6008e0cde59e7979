// Why: a per-shot run keeps a lossless copy of every shot and every probe encode until it publishes; on a long film that
// is tens to hundreds of gigabytes beside the output. Running the disk full would fail the run hours in and starve
// whatever else lives there (a media library's queue database among them), so the run projects what it still has to
// write from what it has written so far and stops early, with the figures, when the folder cannot hold it.
using Ovni.Encoding.Library;

namespace Ovni.Encoding;

/// <summary>Refuses to go on when the scratch folder's disk cannot hold what a per-shot run still has to write.</summary>
/// <param name="folder">Where the run writes (its disk is the one measured).</param>
/// <param name="shownFolder">The folder the user knows it by (the output's, for the hidden scratch folder beside it).</param>
/// <param name="input">The source, for the error.</param>
internal sealed class ScratchSpaceGuard(string folder, string shownFolder, string input)
{
    /// <summary>Kept free whatever the projection says: the rest of the system shares that disk.</summary>
    internal const long Headroom = 256L << 20;

    /// <summary>The disk's free space as the tests want it, for their own async flow only.</summary>
    internal static readonly AsyncLocal<Func<string, long>?> FreeBytesForTests = new();

    /// <exception cref="OvniException"><paramref name="moreBytes"/> and the headroom do not fit in the folder's free space.</exception>
    internal void Require(long moreBytes, string what)
    {
        long free = FreeBytesForTests.Value?.Invoke(folder) ?? SystemResources.FreeBytesOf(folder);
        if (moreBytes + Headroom <= free) return;
        throw new OvniException($"Not enough disk space for the per-shot encode of '{input}': it still has to write about {Size(moreBytes)} " +
            $"for {what}, and the disk of '{shownFolder}' has {Size(free)} free (keeping {Size(Headroom)} spare). Free space there, or write the output to a larger disk.") { FilePath = input };
    }

    private static string Size(long bytes) => bytes >= 1L << 30
        ? $"{bytes / (double)(1L << 30):0.0} GiB"
        : $"{Math.Max(0, bytes) / (double)(1 << 20):0} MiB";
}
