using Ovni.Encoding;

namespace Ovni.Distributed;

/// <summary>
/// Per-shot convex-hull encoding (<see cref="ShotHullEncoder"/>) whose probe encodes run as chunk jobs on
/// <c>ovni worker</c> machines: this process finds the shots, cuts each shot's lossless reference, scores every probe as
/// it comes back, allocates, joins the chosen probes frame-exactly, verifies and publishes, as a local run does. With
/// the same encoder settings the probes are the same bytes as a local run's, so the points and the choice are the same.
/// </summary>
/// <example>
/// <code>
/// var cluster = new ClusterCoordinatorOptions { Cluster = new ClusterOptions { ConnectionString = "Host=db;Database=ovni;Username=ovni" } };
/// ShotHullResult r = await ClusterShotHull.EncodeAsync("/share/in.mkv", "/share/out.mkv",
///     new ShotHullOptions { Encoder = "libx264", Preset = "medium", TargetVmaf = 95 }, cluster);
/// </code>
/// </example>
public static class ClusterShotHull
{
    /// <summary>Runs <see cref="ShotHullEncoder.EncodeAsync"/> with its probe encodes on the cluster's workers.</summary>
    /// <param name="input">The source; in shared-folder mode at a path every worker sees too.</param>
    /// <param name="output">The output file (published only when verified).</param>
    /// <param name="options">The hull settings; <see cref="ShotHullOptions.WorkDirectory"/> must be on the share in shared-folder mode
    /// (by default the probes go to a hidden folder beside the output). <see cref="ShotHullOptions.Parallelism"/> is how many
    /// probes are scored here at once.</param>
    /// <param name="cluster">Database, transfer mode, attempts.</param>
    /// <param name="progress">The hull's phases and every probe scored.</param>
    /// <param name="clusterProgress">The running probe job (which worker holds which probe) about four times a second.</param>
    /// <param name="cancellationToken">Stops the run: the probe jobs are cancelled, workers stop at their next heartbeat,
    /// nothing is published and nothing of the run is left.</param>
    /// <exception cref="OvniException">Bad input or options, an unreachable database, an encoder no worker serves, a probe that fails on
    /// every attempt, or a join that is not frame-exact.</exception>
    public static async Task<ShotHullResult> EncodeAsync(string input, string output, ShotHullOptions options, ClusterCoordinatorOptions cluster,
        IProgress<TargetQualityProgress>? progress = null, IProgress<ClusterJobInfo>? clusterProgress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cluster);
        if (options.ProbeEncoder is not null) throw new ArgumentException("The cluster runs the probes; leave ProbeEncoder unset.", nameof(options));
        if (!ChunkQueues.KnownEncoders.Contains(options.Encoder))
            throw new OvniException($"Cluster workers serve the encoders {string.Join(", ", ChunkQueues.KnownEncoders)}; '{options.Encoder}' is not one of them.");
        // A missing source or output folder is the user's first mistake to hear about, before any database is reached.
        ChunkedEncoder.CheckPaths(input, output);
        var logger = (options.Configuration ?? OvniConfiguration.Default).Logger;
        await using var probes = new ClusterProbeEncoder(cluster, logger, clusterProgress);
        await probes.StartAsync(cancellationToken).ConfigureAwait(false);
        return await ShotHullEncoder.EncodeAsync(input, output, options with { ProbeEncoder = probes }, progress, cancellationToken).ConfigureAwait(false);
    }
}
