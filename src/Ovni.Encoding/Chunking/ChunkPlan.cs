using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ovni.Encoding;

/// <summary>
/// Which frames of one source go into which chunk, for one set of encoder settings. Stored as JSON in the work folder,
/// written atomically (temporary file, flushed to disk, renamed), so a power cut leaves the old plan or the new one,
/// never half of one. <see cref="Id"/> names the source identity and settings: a rerun with the same ones resumes.
/// </summary>
public sealed record ChunkPlan
{
    /// <summary>Version of the plan format; a plan of another version is replaced.</summary>
    public const int CurrentFormat = 1;

    /// <summary>Format version of this plan.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>Source identity + settings, hashed.</summary>
    public required string Id { get; init; }

    /// <summary>The source this plan cuts.</summary>
    public required SourceIdentity Source { get; init; }

    /// <summary>Encoder settings and planning choices in words (what <see cref="Id"/> covers).</summary>
    public required string Settings { get; init; }

    /// <summary>Time base of the timestamps (the source video stream's).</summary>
    public required int TimeBaseNum { get; init; }

    /// <summary>Time base denominator.</summary>
    public required int TimeBaseDen { get; init; }

    /// <summary>Frames in the source.</summary>
    public required int FrameCount { get; init; }

    /// <summary>The scene starts the plan was made from.</summary>
    public required IReadOnlyList<int> Cuts { get; init; }

    /// <summary>The chunks, in output order.</summary>
    public required IReadOnlyList<ChunkSpan> Chunks { get; init; }

    /// <summary>Time base of the timestamps.</summary>
    [JsonIgnore]
    public Rational TimeBase => new(TimeBaseNum, TimeBaseDen);

    /// <summary>The id for a source and a settings text.</summary>
    public static string MakeId(SourceIdentity source, string settings) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source.Key + "\n" + settings)))[..20];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes the plan to <paramref name="path"/> atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads a plan; null when the file is missing, unreadable or of another format (a new plan is made then).</summary>
    public static ChunkPlan? TryLoad(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            ChunkPlan? plan = JsonSerializer.Deserialize<ChunkPlan>(File.ReadAllText(path), Json);
            return plan is { Format: CurrentFormat } ? plan : null;
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Serialises the plan (for the cluster database).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a plan serialised by <see cref="ToJson"/>.</summary>
    public static ChunkPlan FromJson(string json) =>
        JsonSerializer.Deserialize<ChunkPlan>(json, Json) ?? throw new OvniException("The stored chunk plan is empty.");
}
