namespace Ovni.Encoding;

/// <summary>Settings of a chunked encode (<see cref="ChunkedEncoder"/>).</summary>
public sealed record ChunkedEncodeOptions
{
    /// <summary>The encoder and its settings (every chunk's, unless <see cref="PerChunkSettings"/> chooses per chunk).</summary>
    public required VideoEncoderOptions Encoding { get; init; }

    /// <summary>Chunks encoded at once; 0 chooses from the cores and memory (<see cref="WorkerPlanning.Recommend"/>).</summary>
    public int Workers { get; init; }

    /// <summary>Shortest and longest chunk.</summary>
    public ChunkPlanOptions Plan { get; init; } = new();

    /// <summary>
    /// Where scenes start. Null uses Ovni's scene detector (its cuts, and its per-frame difference to place splits of
    /// long scenes), or the source's key frames (<see cref="KeyFrameCutPoints"/>) in builds without the detector.
    /// </summary>
    public ICutPointSource? CutPoints { get; init; }

    /// <summary>
    /// Chooses each chunk's settings (e.g. <c>TargetVmafChunkSettings</c>: its own CRF for a target VMAF); null encodes
    /// every chunk with <see cref="Encoding"/>.
    /// </summary>
    public IChunkSettingsSelector? PerChunkSettings { get; init; }

    /// <summary>Folder for the plan, the done-log and the chunk files; null uses a hidden folder beside the output.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Keep the work folder after a successful join (default: removed).</summary>
    public bool KeepChunks { get; init; }

    /// <summary>Decoder threads per worker; 0 shares the cores among the workers.</summary>
    public int DecoderThreads { get; init; }

    /// <summary>Shared settings (logging); <see cref="OvniConfiguration.Default"/> when null.</summary>
    public OvniConfiguration? Configuration { get; init; }
}
