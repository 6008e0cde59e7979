using System.Text.Json;
using Ovni.Distributed;
using Ovni.Encoding;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ovni.Cli.Commands;

// `ovni chunked … --cluster "Host=…"`: plan here, encode on `ovni worker` machines, join here.
internal static partial class ChunkedCommand
{
    private static async Task<int> RunClusterAsync(string input, string output, ClusterOptions database, ChunkedEncodeOptions options, string transfer,
        string? listen, int maxAttempts, bool json, CancellationToken ct)
    {
        var mode = transfer.ToLowerInvariant() switch
        {
            "shared" => ChunkTransferMode.SharedFolder,
            "http" => ChunkTransferMode.Http,
            _ => throw new OvniException($"--transfer must be shared or http, not '{transfer}'."),
        };
        var cluster = new ClusterCoordinatorOptions
        {
            Cluster = database,
            Transfer = mode,
            Listen = listen ?? "http://127.0.0.1:0",
            MaxAttempts = maxAttempts,
        };
        ClusterEncodeResult result;
        if (json || Console.IsOutputRedirected)
        {
            result = await ClusterCoordinator.RunAsync(input, output, options, cluster, cancellationToken: ct);
        }
        else
        {
            ClusterEncodeResult? done = null;
            await AnsiConsole.Live(new Markup("planning …")).AutoClear(false).StartAsync(async context =>
            {
                var progress = new Progress<ClusterJobInfo>(p => context.UpdateTarget(Render(p)));
                done = await ClusterCoordinator.RunAsync(input, output, options, cluster, progress, ct);
            });
            result = done!;
        }
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                job = result.JobId, output = result.Output, frames = result.Frames, chunks = result.Chunks, seconds = result.Elapsed.TotalSeconds,
                attached = result.Attached, frame_exact = true,
            }, CliJson.Options));
        else
            Console.WriteLine($"job {result.JobId}: {result.Frames} frames in {result.Chunks} chunks, joined frame-exact -> {result.Output}");
        return 0;
    }

    /// <summary>The job, its ETA, and one line per running chunk (worker, frames).</summary>
    internal static IRenderable Render(ClusterJobInfo job)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"job {job.Id}: {job.State}")).AddColumns("chunk", "worker", "frames", "state");
        foreach (ClusterChunkInfo chunk in job.Chunks.Where(c => c.State is "running" or "failed").Take(16))
            table.AddRow($"{chunk.Index}", Markup.Escape(chunk.Worker ?? ""), $"{chunk.FramesDone}/{chunk.FrameCount}", Markup.Escape(chunk.State));
        string eta = job.Eta is TimeSpan t ? $"ETA {t:hh\\:mm\\:ss}" : "ETA …";
        table.Caption(Markup.Escape($"{job.ChunksDone}/{job.ChunksTotal} chunks, {job.FramesDone}/{job.FramesTotal} frames, {eta}"));
        return table;
    }
}
