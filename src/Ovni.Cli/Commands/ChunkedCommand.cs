using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Ovni.Encoding;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ovni.Cli.Commands;

/// <summary>
/// <c>ovni chunked IN OUT --encoder libsvtav1 --crf 32 [--workers N]</c>: scene-chunked encoding on this machine
/// (or, with <c>--cluster</c>, on Hangfire workers); rerunning the same command resumes.
/// </summary>
internal static partial class ChunkedCommand
{
    private const string CutsHelp = "Scene starts as frame numbers: a file, or a comma-separated list (\"\": none, chunks by length only; default: Ovni's scene detector).";

    internal static Command Create()
    {
        var input = new Argument<string>("input") { Description = "Source media file." };
        var output = new Argument<string>("output") { Description = "Destination (.mkv, .mp4, .webm); written only when complete and frame-exact." };
        var encoder = new Option<string>("--encoder") { Description = "FFmpeg encoder: libsvtav1, libaom-av1, libx265, libx264, hevc_nvenc, av1_nvenc …", DefaultValueFactory = _ => "libsvtav1" };
        var crf = new Option<int?>("--crf") { Description = "Constant rate factor for every chunk." };
        var targetVmaf = new Option<double?>("--target-vmaf") { Description = "Per-chunk target quality (each chunk gets its own CRF)." };
        var preset = new Option<string?>("--preset") { Description = "Encoder preset (SVT-AV1: 0–13; x264/x265: ultrafast … veryslow)." };
        var encoderThreads = new Option<int>("--encoder-threads") { Description = "Threads per encoder instance (0 = the encoder's choice)." };
        var encoderOption = new Option<string[]>("--encoder-option") { Description = "An FFmpeg encoder option as name=value (repeatable), e.g. svtav1-params=tune=0.", AllowMultipleArgumentsPerToken = false };
        var workers = new Option<int>("--workers") { Description = "Chunks encoded at once (default: from cores and memory)." };
        var minChunk = new Option<double>("--min-chunk") { Description = "Shortest chunk, seconds.", DefaultValueFactory = _ => 1.0 };
        var maxChunk = new Option<double>("--max-chunk") { Description = "Longest chunk, seconds (longer scenes are split at a calm frame).", DefaultValueFactory = _ => 10.0 };
        var cuts = new Option<string?>("--cuts") { Description = CutsHelp };
        var workDir = new Option<string?>("--work-dir") { Description = "Folder for the plan, done-log and chunks (default: a hidden folder beside OUT)." };
        var keep = new Option<bool>("--keep-chunks") { Description = "Keep the chunk folder after success." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON, no live display." };
        var cluster = new Option<string?>("--cluster") { Description = "PostgreSQL connection string: plan here, encode on `ovni worker` machines." };
        var transfer = new Option<string>("--transfer") { Description = "Cluster chunk transfer: shared (a folder all machines see) or http (workers fetch from and upload to this process).", DefaultValueFactory = _ => "shared" };
        var listen = new Option<string?>("--listen") { Description = "Cluster http transfer: address workers reach this process at (default http://127.0.0.1:0)." };
        var lease = ClusterCli.LeaseOption();
        var maxAttempts = new Option<int>("--max-attempts") { Description = "Cluster: failures of one chunk before the job fails.", DefaultValueFactory = _ => 3 };
        var command = new Command("chunked", "Encode in chunks cut at scenes, in parallel, joined frame-exactly without re-encoding; rerun to resume.")
        {
            input, output, encoder, crf, targetVmaf, preset, encoderThreads, encoderOption, workers, minChunk, maxChunk, cuts, workDir, keep, json,
            cluster, transfer, listen, lease, maxAttempts,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            // Running chunks are handed back (to the done-log or the cluster) on the way out; under load that takes seconds.
            CliTermination.AllowGrace(TimeSpan.FromSeconds(30));
            string inPath = parse.GetValue(input)!, outPath = parse.GetValue(output)!;
            IChunkSettingsSelector? perChunk = PerChunkSettings(parse.GetValue(targetVmaf), parse.GetValue(crf));
            var options = new ChunkedEncodeOptions
            {
                Encoding = new VideoEncoderOptions
                {
                    Encoder = VideoEncoderOptions.EncoderFor(parse.GetValue(encoder)!),
                    Crf = parse.GetValue(crf),
                    Preset = parse.GetValue(preset),
                    Threads = parse.GetValue(encoderThreads),
                    ExtraOptions = ParseEncoderOptions(parse.GetValue(encoderOption)),
                },
                Workers = parse.GetValue(workers),
                Plan = new ChunkPlanOptions { MinSeconds = parse.GetValue(minChunk), MaxSeconds = parse.GetValue(maxChunk) },
                CutPoints = parse.GetValue(cuts) is string c ? ReadCuts(c) : null,
                WorkDirectory = parse.GetValue(workDir),
                KeepChunks = parse.GetValue(keep),
                PerChunkSettings = perChunk,
            };
            // Warnings go to stderr: stdout is the result (--json) or the live table.
            using ILoggerFactory logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning).AddFilter("Hangfire", LogLevel.Error));
            OvniConfiguration configuration = OvniConfiguration.Default.Clone();
            configuration.Logger = logging.CreateLogger("ovni.chunked");
            options = options with { Configuration = configuration };
            ClusterCli.QuietEncoderBanners();
            if (parse.GetValue(cluster) is string connection)
                return await RunClusterAsync(inPath, outPath, ClusterCli.Options(connection, parse.GetValue(lease)), options, parse.GetValue(transfer)!, parse.GetValue(listen), parse.GetValue(maxAttempts), parse.GetValue(json), ct);

            bool live = !parse.GetValue(json) && !Console.IsOutputRedirected;
            ChunkedEncodeResult result = live
                ? await RunLiveAsync(inPath, outPath, options, ct)
                : await ChunkedEncoder.EncodeAsync(inPath, outPath, options, cancellationToken: ct);
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    output = result.Output, frames = result.Frames, chunks = result.Chunks, chunks_encoded = result.ChunksEncoded,
                    chunks_reused = result.ChunksReused, workers = result.Workers, seconds = result.Elapsed.TotalSeconds,
                    join_seconds = result.JoinTime.TotalSeconds, plan = result.PlanId, frame_exact = true, skipped_streams = result.SkippedStreams,
                }, CliJson.Options));
            else
                Console.WriteLine($"{result.Frames} frames, {result.Chunks} chunks ({result.ChunksEncoded} encoded, {result.ChunksReused} reused) on {result.Workers} workers " +
                    $"in {result.Elapsed.TotalSeconds:0.0} s (join {result.JoinTime.TotalSeconds:0.00} s); frame-exact -> {result.Output}");
            foreach (string skipped in result.SkippedStreams) Console.Error.WriteLine($"ovni: warning: {skipped}");
            return 0;
        }));
        return command;
    }

    private static IChunkSettingsSelector? PerChunkSettings(double? targetVmaf, int? crf)
    {
        if (targetVmaf is not double target) return null;
        string shown = target.ToString(CultureInfo.InvariantCulture);
        if (crf is not null) throw new OvniException($"Give either --crf (one CRF for every chunk) or --target-vmaf {shown} (each chunk its own CRF), not both.");
        return new TargetVmafChunkSettings(new TargetQualityOptions { TargetVmaf = target });
    }

    private static Dictionary<string, string>? ParseEncoderOptions(string[]? pairs)
    {
        if (pairs is null || pairs.Length == 0) return null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) throw new OvniException($"--encoder-option '{pair}' is not name=value.");
            options[pair[..equals]] = pair[(equals + 1)..];
        }
        return options;
    }

    private static KnownCutPoints ReadCuts(string value) =>
        File.Exists(value) ? KnownCutPoints.Parse(File.ReadAllText(value)) : KnownCutPoints.Parse(value);

    private static async Task<ChunkedEncodeResult> RunLiveAsync(string input, string output, ChunkedEncodeOptions options, CancellationToken ct)
    {
        ChunkedEncodeResult? result = null;
        await AnsiConsole.Live(new Markup("planning …")).AutoClear(false).StartAsync(async context =>
        {
            var progress = new Progress<ChunkedProgress>(p => context.UpdateTarget(Render(input, p)));
            result = await ChunkedEncoder.EncodeAsync(input, output, options, progress, ct);
        });
        return result!;
    }

    /// <summary>One line per worker (its chunk, frames, speed) and a total line with the ETA.</summary>
    internal static IRenderable Render(string input, ChunkedProgress p)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(Path.GetFileName(input)))
            .AddColumns("worker", "chunk", "frames", "fps");
        foreach (ChunkWorkerStatus w in p.Workers)
            table.AddRow($"{w.Worker}", w.Chunk is int c ? $"{c}" : "idle", w.Chunk is null ? "" : $"{w.FramesDone}/{w.FramesTotal}", w.Chunk is null ? "" : $"{w.FramesPerSecond:0.0}");
        string eta = p.Eta is TimeSpan t ? $"ETA {t:hh\\:mm\\:ss}" : "ETA …";
        string phase = p.Phase switch
        {
            ChunkedPhase.Joining => $"joining {p.JoinFraction:P0}",
            ChunkedPhase.Done => "done",
            _ => eta,
        };
        table.Caption(Markup.Escape($"{p.ChunksDone}/{p.ChunksTotal} chunks, {p.FramesDone}/{p.FramesTotal} frames ({p.Fraction:P1}), {p.Elapsed:hh\\:mm\\:ss}, {phase}"));
        return table;
    }
}
