
using System.Text.Json;

namespace Ovni.Encoding;

/// <summary>
/// The done-log of a chunked encode: an append-only text file, one finished chunk per line, each line carrying a
/// checksum of itself and flushed to disk before the chunk counts as done. After a power cut or a kill the last line
/// may be torn: it fails its checksum and is ignored (that chunk is simply encoded again); every line before it is
/// intact because nothing is ever rewritten in place.
/// </summary>
public sealed class ChunkJournal
{
    private const string Magic = "ovni-chunk-journal 1";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly object _gate = new();

    private ChunkJournal(string path, string planId, Dictionary<int, ChunkRecord> records, int rejected)
    {
        Path = path;
        PlanId = planId;
        Records = records;
        RejectedLines = rejected;
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>The plan the journal belongs to.</summary>
    public string PlanId { get; }

    /// <summary>Finished chunks by index (the last record of a chunk wins).</summary>
    public IReadOnlyDictionary<int, ChunkRecord> Records { get; }

    /// <summary>Lines ignored on opening because they were torn or damaged.</summary>
    public int RejectedLines { get; }

    /// <summary>Opens the journal of plan <paramref name="planId"/> at <paramref name="path"/>, creating it if missing; a journal of another plan is started afresh.</summary>
    public static ChunkJournal Open(string path, string planId)
    {
        var records = new Dictionary<int, ChunkRecord>();
        int rejected = 0;
        string header = $"{Magic} {planId}";
        try
        {
            if (File.Exists(path))
            {
                string[] lines = File.ReadAllText(path, System.Text.Encoding.UTF8).Split('\n');
                if (lines.Length > 0 && lines[0] == header)
                {
                    foreach (string line in lines.Skip(1))
                    {
                        if (line.Length == 0) continue;
                        if (TryParse(line, out ChunkRecord? record)) records[record!.Chunk] = record;
                        else rejected++;
                    }
                    return new ChunkJournal(path, planId, records, rejected);
                }
            }
            AtomicFile.WriteAllText(path, header + "\n");
            return new ChunkJournal(path, planId, records, rejected);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OvniException($"Cannot open the chunk done-log '{path}': {e.Message}", e) { FilePath = path };
        }
    }

    /// <summary>Appends <paramref name="record"/> and flushes it to disk; when this returns, the chunk is durably done.</summary>
    public void Append(ChunkRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        string json = JsonSerializer.Serialize(record, Json);
        string line = json + "\t" + Checksum(json) + "\n";
        lock (_gate)
        {
            try
            {
                using var stream = new FileStream(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
                // A torn last line (no newline) must not swallow this record: start on a fresh line.
                if (stream.Length > 0)
                {
                    stream.Seek(-1, SeekOrigin.End);
                    if (stream.ReadByte() != '\n') stream.WriteByte((byte)'\n');
                }
                stream.Seek(0, SeekOrigin.End);
                stream.Write(System.Text.Encoding.UTF8.GetBytes(line));
                stream.Flush(flushToDisk: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OvniException($"Cannot record chunk {record.Chunk} in the done-log '{Path}': {e.Message}", e) { FilePath = Path };
            }
            ((Dictionary<int, ChunkRecord>)Records)[record.Chunk] = record;
        }
    }

    private static bool TryParse(string line, out ChunkRecord? record)
    {
        record = null;
        int tab = line.LastIndexOf('\t');
        if (tab <= 0) return false;
        string json = line[..tab];
        if (line[(tab + 1)..] != Checksum(json)) return false;
        try
        {
            record = JsonSerializer.Deserialize<ChunkRecord>(json, Json);
            return record is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Checksum(string json) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)))[..16];
}
