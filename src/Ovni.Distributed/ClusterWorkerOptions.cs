namespace Ovni.Distributed;

/// <summary>Settings of an <c>ovni worker</c>.</summary>
public sealed record ClusterWorkerOptions
{
    /// <summary>The cluster database.</summary>
    public required ClusterOptions Cluster { get; init; }

    /// <summary>Chunks encoded at once on this machine. Default 1.</summary>
    public int Slots { get; init; } = 1;

    /// <summary>Kinds of work taken: "cpu" (software encoders), "gpu" (NVENC). Default both; each only for encoders present here.</summary>
    public IReadOnlyList<string> Classes { get; init; } = ["cpu", "gpu"];

    /// <summary>This worker's name in the cluster; default machine name and process id.</summary>
    public string? Name { get; init; }

    /// <summary>Where chunks wait for upload in HTTP mode; default a folder under the system temp folder.</summary>
    public string? ScratchDirectory { get; init; }

    /// <summary>Decoder threads per chunk; 0 = FFmpeg's choice.</summary>
    public int DecoderThreads { get; init; }
}
