using System.Security.Cryptography;

namespace Ovni.Encoding.Library;

/// <summary>
/// Moves a verified output into place and deals with the source, in an order that survives a kill at any point:
/// every path involved is recorded in the database (state <see cref="JobState.Publishing"/>) before the first rename,
/// the original is put into quarantine (a hard link, or a copy verified by hash) before anything takes its name,
/// nothing is ever renamed over a file that is not the job's own source, and <see cref="Recover"/> can finish or
/// undo a half-done publish from what is on disk.
/// </summary>
internal static class Publisher
{
    /// <summary>What to do, as recorded before the first rename.</summary>
    internal sealed record Plan(string Source, string TempOutput, string FinalPath, string? QuarantinePath, SourceAction Action, string OutputIdentity);

    /// <summary>Publishes; returns what the queue must remember about the output.</summary>
    internal static PublishedOutput Publish(Plan plan)
    {
        bool replacesInPlace = plan.Action == SourceAction.Replace && SamePath(plan.FinalPath, plan.Source);
        if (plan.Action == SourceAction.Replace)
        {
            EnsureQuarantined(plan.Source, plan.QuarantinePath!);
            if (replacesInPlace)
            {
                // rename(2) replaces atomically: at every instant the name holds either the original (also in quarantine) or the output.
                File.Move(plan.TempOutput, plan.FinalPath, overwrite: true);
            }
            else
            {
                MoveNoReplace(plan.TempOutput, plan.FinalPath);
                RemoveSourceName(plan.Source, plan.QuarantinePath!);
            }
        }
        else
        {
            MoveNoReplace(plan.TempOutput, plan.FinalPath);
            FinishSource(plan);
        }
        return Describe(plan, replacesInPlace);
    }

    /// <summary>
    /// Finishes or undoes a publish that a crash interrupted. Returns the published output when the output had
    /// reached its place (the job is then done), or null when nothing was published (the job goes back to pending).
    /// </summary>
    internal static PublishedOutput? Recover(Plan plan)
    {
        bool published = FileIdentity.Of(plan.FinalPath) == plan.OutputIdentity;
        string? partialCopy = plan.QuarantinePath is null ? null : plan.QuarantinePath + ".partial";
        if (partialCopy is not null && File.Exists(partialCopy)) File.Delete(partialCopy);
        if (published)
        {
            bool inPlace = plan.Action == SourceAction.Replace && SamePath(plan.FinalPath, plan.Source);
            if (!inPlace) FinishSource(plan);
            if (File.Exists(plan.TempOutput) && FileIdentity.Of(plan.TempOutput) == plan.OutputIdentity) File.Delete(plan.TempOutput); // link made, unlink not
            return Describe(plan, inPlace);
        }
        // Not published: the source must still be in place. A quarantine entry made for this publish is an extra
        // name (hard link) or a verified copy of it: drop it, the encode will be redone.
        if (plan.QuarantinePath is string q && File.Exists(q))
        {
            if (!File.Exists(plan.Source))
                throw new OvniException($"'{plan.Source}' is missing while its publish was unfinished; its original is kept at '{q}'.") { FilePath = plan.Source };
            File.Delete(q);
        }
        return null;
    }

    /// <summary>Undoes a finished job: the original comes back from quarantine, the output (if unchanged) goes.</summary>
    internal static void Rollback(QueueEntry job)
    {
        string q = job.QuarantinePath ?? throw new OvniException($"'{job.Path}' has no original in quarantine (its source was kept, or the quarantine was purged).") { FilePath = job.Path };
        if (!File.Exists(q)) throw new OvniException($"The quarantined original of '{job.Path}' is gone from '{q}'.") { FilePath = q };
        string? output = job.OutputPath;
        bool outputIntact = output is not null && FileIdentity.Of(output) == job.OutputIdentity;
        if (output is not null && File.Exists(output) && !outputIntact)
            throw new OvniException($"The output '{output}' was changed since Ovni published it; not touching it. Move it away and run rollback again.") { FilePath = output };
        if (output is not null && outputIntact && SamePath(output, job.Path))
        {
            File.Move(q, job.Path, overwrite: true); // atomic: the name goes from the output straight back to the original
            return;
        }
        MoveNoReplace(q, job.Path);
        if (output is not null && outputIntact) File.Delete(output);
    }

    /// <summary>
    /// Renames without ever replacing: .NET's File.Move(overwrite: false) links the new name and unlinks the old one
    /// on Unix, so an existing file at <paramref name="target"/> makes it fail instead of being overwritten.
    /// </summary>
    internal static void MoveNoReplace(string source, string target)
    {
        try
        {
            File.Move(source, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target) && File.Exists(source))
        {
            throw new OutputCollisionException(target);
        }
    }

    private static void FinishSource(Plan plan)
    {
        switch (plan.Action)
        {
            case SourceAction.Quarantine:
                if (File.Exists(plan.Source))
                {
                    EnsureQuarantined(plan.Source, plan.QuarantinePath!);
                    RemoveSourceName(plan.Source, plan.QuarantinePath!);
                }
                break;
            case SourceAction.Delete:
                if (File.Exists(plan.Source) && !SamePath(plan.Source, plan.FinalPath)) File.Delete(plan.Source);
                break;
            case SourceAction.Replace:
                if (File.Exists(plan.Source) && !SamePath(plan.Source, plan.FinalPath)) RemoveSourceName(plan.Source, plan.QuarantinePath!);
                break;
        }
    }

    /// <summary>Puts the original at <paramref name="quarantine"/>: a hard link when the volume allows, else a copy checked by hash.</summary>
    internal static void EnsureQuarantined(string source, string quarantine)
    {
        if (File.Exists(quarantine)) return; // made by an earlier, interrupted publish of this job (links and verified copies only appear whole)
        Directory.CreateDirectory(Path.GetDirectoryName(quarantine)!);
        if (HardLink.TryCreate(source, quarantine)) return;
        // Another volume or a file system without hard links: a copy, checked by hash before it takes the name.
        string partial = quarantine + ".partial";
        using (FileStream from = new(source, FileMode.Open, FileAccess.Read, FileShare.Read))
        using (FileStream to = new(partial, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            from.CopyTo(to);
            to.Flush(flushToDisk: true);
        }
        if (!HashOf(source).AsSpan().SequenceEqual(HashOf(partial)))
        {
            File.Delete(partial);
            throw new OvniException($"The copy of '{source}' into quarantine did not read back identical; the source was left in place.") { FilePath = source };
        }
        File.Move(partial, quarantine, overwrite: false);
    }

    /// <summary>Removes the source's name, but only once the quarantine holds the same bytes.</summary>
    private static void RemoveSourceName(string source, string quarantine)
    {
        if (!File.Exists(quarantine))
            throw new OvniException($"Refusing to remove '{source}': its quarantine copy '{quarantine}' is missing.") { FilePath = source };
        bool linked = FileIdentity.Of(source) == FileIdentity.Of(quarantine);
        if (!linked && new FileInfo(source).Length != new FileInfo(quarantine).Length)
            throw new OvniException($"Refusing to remove '{source}': it differs from its quarantine copy '{quarantine}'.") { FilePath = source };
        File.Delete(source);
    }

    private static PublishedOutput Describe(Plan plan, bool replacesInPlace)
    {
        var info = new FileInfo(plan.FinalPath);
        long mtime = info.LastWriteTimeUtc.Ticks;
        return replacesInPlace
            ? new PublishedOutput(plan.FinalPath, info.Length, mtime, plan.Source, info.Length, mtime)
            : new PublishedOutput(plan.FinalPath, info.Length, mtime, plan.Source);
    }

    private static byte[] HashOf(string path)
    {
        using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return SHA256.HashData(stream);
    }

    internal static bool SamePath(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);
}
