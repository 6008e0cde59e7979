namespace Ovni.Distributed;

/// <summary>Settings of the process that plans a distributed job, waits for it and joins it.</summary>
public sealed record ClusterCoordinatorOptions
{
    /// <summary>The cluster database.</summary>
    public required ClusterOptions Cluster { get; init; }

    /// <summary>How chunks travel. Default: a shared folder.</summary>
    public ChunkTransferMode Transfer { get; init; } = ChunkTransferMode.SharedFolder;

    /// <summary>HTTP mode: where this process listens for workers. Default http://127.0.0.1:0 (a free port on this machine only).</summary>
    public string Listen { get; init; } = "http://127.0.0.1:0";

    /// <summary>HTTP mode: the address workers are told to use, when it differs from <see cref="Listen"/> (NAT, proxies).</summary>
    public string? Advertise { get; init; }

    /// <summary>Failures of one chunk before the job fails (naming it). Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;
}
