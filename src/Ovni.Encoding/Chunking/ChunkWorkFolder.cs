using Microsoft.Extensions.Logging;

namespace Ovni.Encoding;

/// <summary>
/// The folder a chunked encode keeps its state in: the plan (plan.json), the done-log (done.log) and the chunk files.
/// Ovni cleans only its own files in it (stray partial files of an interrupted run, and its state when the plan no longer
/// matches the source or the settings): a folder the user named may hold other things, and they are never touched.
/// </summary>
public sealed class ChunkWorkFolder
{
    /// <summary>Uses <paramref name="path"/> (created when missing).</summary>
    public ChunkWorkFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OvniException($"Cannot create the chunk folder '{path}': {e.Message}", e) { FilePath = path };
        }
    }

    /// <summary>The default work folder for <paramref name="output"/>: a hidden folder beside it.</summary>
    public static string DefaultFor(string output)
    {
        string full = System.IO.Path.GetFullPath(output);
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{System.IO.Path.GetFileName(full)}.ovni-chunks");
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The plan file.</summary>
    public string PlanPath => System.IO.Path.Combine(Path, "plan.json");

    /// <summary>The done-log.</summary>
    public string JournalPath => System.IO.Path.Combine(Path, "done.log");

    /// <summary>Where chunk <paramref name="chunk"/>'s encode lives.</summary>
    public string ChunkPath(ChunkSpan chunk) => System.IO.Path.Combine(Path, chunk.FileName);

    /// <summary>
    /// The plan for <paramref name="planId"/>: the stored one when it matches, else a new one from <paramref name="makePlan"/>
    /// (the folder's old chunks and done-log are removed first: they belong to another source or other settings).
    /// </summary>
    public async Task<(ChunkPlan Plan, bool Resumed)> LoadOrCreatePlanAsync(string planId, Func<Task<ChunkPlan>> makePlan, ILogger logger)
    {
        ChunkPlan? stored = ChunkPlan.TryLoad(PlanPath);
        if (stored is not null && stored.Id == planId) return (stored, true);
        if (stored is not null) logger.LogInformation("The chunk plan in {Folder} is for another source or other settings; starting over", Path);
        foreach (string file in OwnFiles())
            DeleteQuietly(file);
        ChunkPlan plan = await makePlan().ConfigureAwait(false);
        plan.Save(PlanPath);
        return (plan, false);
    }

    /// <summary>Removes what an interrupted run left half-written (temporary chunk and plan files).</summary>
    public void RemovePartialFiles()
    {
        foreach (string file in Directory.EnumerateFiles(Path, ".chunk-*.partial*")
                     .Concat(Directory.EnumerateFiles(Path, "plan.json.tmp-*")).Concat(Directory.EnumerateFiles(Path, "done.log.tmp-*")))
            DeleteQuietly(file);
    }

    /// <summary>Every file of Ovni's in the folder: plan, done-log, chunks and their partial forms.</summary>
    private IEnumerable<string> OwnFiles() =>
        Directory.EnumerateFiles(Path, "chunk-*.mkv").Concat(Directory.EnumerateFiles(Path, ".chunk-*.partial*"))
            .Concat(Directory.EnumerateFiles(Path, "plan.json*")).Concat(Directory.EnumerateFiles(Path, "done.log*")).ToList();

    /// <summary>
    /// The chunks the done-log records whose files are still whole (same size and checksum); any other chunk file is
    /// removed so it is encoded again.
    /// </summary>
    public Dictionary<int, ChunkRecord> VerifiedDone(ChunkPlan plan, ChunkJournal journal, ILogger logger)
    {
        var done = new Dictionary<int, ChunkRecord>();
        foreach (ChunkSpan chunk in plan.Chunks)
        {
            string path = ChunkPath(chunk);
            if (journal.Records.TryGetValue(chunk.Index, out ChunkRecord? record) && File.Exists(path)
                && new FileInfo(path).Length == record.Size && record.Frames == chunk.FrameCount && FileChecksum.Sha256(path) == record.Sha256)
            {
                done[chunk.Index] = record;
                continue;
            }
            if (journal.Records.ContainsKey(chunk.Index))
                logger.LogWarning("Chunk {Chunk} is in the done-log but its file {Path} is missing or damaged; encoding it again", chunk.Index, path);
            DeleteQuietly(path);
        }
        return done;
    }

    /// <summary>Deletes Ovni's files, and the folder itself when nothing else is left in it.</summary>
    public void Delete()
    {
        foreach (string file in OwnFiles()) DeleteQuietly(file);
        try
        {
            if (!Directory.EnumerateFileSystemEntries(Path).Any()) Directory.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static void DeleteQuietly(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
