using Hangfire;
using Microsoft.Extensions.Logging;

namespace Ovni.Distributed;

/// <summary>What chunk and join jobs need from the process that runs them (worker or coordinator).</summary>
internal sealed class WorkerContext
{
    internal required ClusterStore Store { get; init; }

    internal required ClusterOptions Options { get; init; }

    /// <summary>This process's name in the cluster (machine:pid unless given).</summary>
    internal required string Name { get; init; }

    /// <summary>Where a worker in HTTP mode keeps a chunk until it is uploaded.</summary>
    internal required string ScratchDirectory { get; init; }

    internal required ILogger Logger { get; init; }

    internal HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(30) };

    /// <summary>Decoder threads per chunk; 0 = FFmpeg's choice.</summary>
    internal int DecoderThreads { get; init; }

    /// <summary>The coordinator's HTTP transfer server (statistics for the join's event), when this process has one.</summary>
    internal TransferServer? TransferServer { get; init; }
}

/// <summary>Gives Hangfire job instances that share this process's <see cref="WorkerContext"/>.</summary>
internal sealed class ClusterJobActivator(WorkerContext context) : JobActivator
{
    public override object ActivateJob(Type jobType) =>
        jobType == typeof(ClusterJobs) ? new ClusterJobs(context) : base.ActivateJob(jobType);
}
