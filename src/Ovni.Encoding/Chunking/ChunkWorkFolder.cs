using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Ovni.Encoding;

/// <summary>
/// The folder a chunked encode keeps its state in: the plan (plan.json), the done-log (done.log) and the chunk files.
/// Ovni cleans only its own files in it (stray partial files of an interrupted run, and its state when the plan no longer
/// matches the source or the settings): a folder the user named may hold other things, and they are never touched.
/// Its own files are known by their exact names, and only in a folder whose plan.json is Ovni's: a plan.json, done.log
/// or chunk-00000.mkv of the user's in a folder without Ovni's plan is refused, never removed or written over.
/// </summary>
public sealed partial class ChunkWorkFolder
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
        EnsureOwned();
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
        foreach (string file in OwnFiles().Where(f => IsTemporary(System.IO.Path.GetFileName(f))))
            DeleteQuietly(file);
    }

    /// <summary>
    /// Refuses a folder that holds files with the names of Ovni's state but no plan of Ovni's (a user's plan.json, or
    /// videos named chunk-00000.mkv): the run would remove or overwrite them. Also refuses <paramref name="inputs"/>
    /// kept in the folder under one of those names.
    /// </summary>
    /// <exception cref="OvniException">The folder is not Ovni's to clean; the message names the files.</exception>
    public void EnsureOwned(params ReadOnlySpan<string> inputs)
    {
        List<string> own = OwnFiles();
        foreach (string input in inputs)
            if (own.Any(f => IsSameFile(f, input)))
                throw new OvniException($"'{input}' is in the chunk folder '{Path}' under a name Ovni uses for its own files there (which it removes); move it, or give another --work-dir.") { FilePath = input };
        // Temporaries (NAME.tmp-PID, .chunk-….ovni-….partial) carry Ovni's marks; a crash can leave them before any plan.
        own.RemoveAll(f => IsTemporary(System.IO.Path.GetFileName(f)));
        if (own.Count == 0 || IsOvniPlan(PlanPath)) return;
        string named = string.Join(", ", own.Take(3).Select(f => System.IO.Path.GetFileName(f)!)) + (own.Count > 3 ? $" and {own.Count - 3} more" : "");
        throw new OvniException($"The chunk folder '{Path}' holds {named}, but no chunk plan of Ovni's: they are not Ovni's, and a run there would remove or overwrite them. Give an empty or new --work-dir (or the folder of an earlier run of this job).") { FilePath = Path };
    }

    // Ovni's plan of any format version (a run of an older Ovni replans in its folder); anything else is someone else's file.
    private static bool IsOvniPlan(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            return root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty("id", out _) && root.TryGetProperty("chunks", out _)
                && root.TryGetProperty("format", out _);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // By file identity (links count), through the writers' own check.
    private static bool IsSameFile(string file, string input)
    {
        try
        {
            MediaWriter.EnsureNotAnInput(file, input);
            return false;
        }
        catch (OvniException)
        {
            return true;
        }
    }

    private static bool IsTemporary(string name) => name.Contains(".tmp-", StringComparison.Ordinal) || name.EndsWith(".partial", StringComparison.Ordinal);

    /// <summary>Every file of Ovni's in the folder, by exact name: plan, done-log, chunks and their temporary forms.</summary>
    private List<string> OwnFiles() =>
        Directory.EnumerateFiles(Path).Where(f => OwnName().IsMatch(System.IO.Path.GetFileName(f))).ToList();

    // plan.json and done.log with AtomicFile's temporaries (NAME.tmp-…), chunk-NNNNN.mkv, and a chunk's hidden partial file.
    [GeneratedRegex(@"^(?:(?:plan\.json|done\.log)(?:\.tmp-[^/]+)?|chunk-\d{5,}\.mkv|\.chunk-\d{5,}\.mkv\.ovni-[^/]+\.partial)$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnName();

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
