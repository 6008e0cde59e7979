using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ovni.Distributed;
using Ovni.Encoding;

namespace Ovni.Cli.Commands;

/// <summary>
/// <c>ovni encode IN OUT --target-vmaf 95 --optimize shots [--pool mean|harmonic|min] [--min-shot-vmaf V] [--budget-kbps K | --budget-mb M]
/// [--shot-variant NAME:OPTION=VALUE]... [--hull-json FILE] [--plot FILE]</c>: per-shot convex-hull encoding (<see cref="ShotHullEncoder"/>).
/// </summary>
internal static partial class CrfSearchCommand
{
    private sealed record ShotOptions(Option<string> Optimize, Option<double?> MinShotVmaf, Option<double?> BudgetKbps, Option<double?> BudgetMb,
        Option<string?> HullJson, Option<string?> CoarseCrfs, Option<string[]> Variants, Option<int> RefineRounds, Option<int> Parallel, Option<double> MinShot, Option<double> MaxShot,
        Option<string?> Cluster, Option<string> Transfer, Option<string?> Listen, Option<double> Lease, Option<int> MaxAttempts);

    private static ShotOptions AddShotOptions(Command command)
    {
        var shots = new ShotOptions(
            new Option<string>("--optimize") { Description = "file (one CRF for the whole file, default) or shots (each shot its own point of its rate–quality hull).", DefaultValueFactory = _ => "file" },
            new Option<double?>("--min-shot-vmaf") { Description = "With --optimize shots: no shot below this mean VMAF (default target − 6)." },
            new Option<double?>("--budget-kbps") { Description = "With --optimize shots: the best quality at this average video bit rate instead of a VMAF target." },
            new Option<double?>("--budget-mb") { Description = "With --optimize shots: the best quality in this many megabytes of video instead of a VMAF target." },
            new Option<string?>("--hull-json") { Description = "With --optimize shots: write every shot's probes, hull and choice as JSON." },
            new Option<string?>("--coarse-crfs") { Description = "With --optimize shots: the first CRFs every shot is probed at, comma-separated (default: four around the usual CRF for the target)." },
            new Option<string[]>("--shot-variant") { Description = "With --optimize shots: other encoder settings every shot is also probed with, as NAME:OPTION=VALUE (repeatable; one name, several options), e.g. notf:svtav1-params=enable-tf=0, or 'recommended' (libsvtav1: tune=0 and enable-tf=0). Each shot's point may come from any of them." },
            new Option<int>("--refine-rounds") { Description = "With --optimize shots: rounds of probes added beside each shot's choice.", DefaultValueFactory = _ => 2 },
            new Option<int>("--parallel") { Description = "With --optimize shots: probe encodes at once (0: one per core)." },
            new Option<double>("--min-shot") { Description = "With --optimize shots: shortest shot, seconds (shorter scenes join a neighbour).", DefaultValueFactory = _ => 1.0 },
            new Option<double>("--max-shot") { Description = "With --optimize shots: longest shot, seconds (longer scenes are split).", DefaultValueFactory = _ => 10.0 },
            new Option<string?>("--cluster") { Description = "With --optimize shots: PostgreSQL connection string: probe encodes run as chunk jobs on `ovni worker` machines; scoring, join and verification here." },
            new Option<string>("--transfer") { Description = "With --cluster: shared (source, output and work folder on a share every machine sees at the same path) or http.", DefaultValueFactory = _ => "shared" },
            new Option<string?>("--listen") { Description = "With --cluster --transfer http: address workers reach this process at (default http://127.0.0.1:0)." },
            ClusterCli.LeaseOption(),
            new Option<int>("--max-attempts") { Description = "With --cluster: failures of one probe encode before the run fails.", DefaultValueFactory = _ => 3 });
        foreach (Option o in new Option[] { shots.Optimize, shots.MinShotVmaf, shots.BudgetKbps, shots.BudgetMb, shots.HullJson, shots.CoarseCrfs, shots.Variants, shots.RefineRounds, shots.Parallel,
                     shots.MinShot, shots.MaxShot, shots.Cluster, shots.Transfer, shots.Listen, shots.Lease, shots.MaxAttempts })
            command.Add(o);
        return shots;
    }

    private static bool IsShots(ParseResult parse, ShotOptions s) => parse.GetValue(s.Optimize)!.ToLowerInvariant() switch
    {
        "shots" or "shot" => true,
        "file" or "none" => false,
        var other => throw new OvniException($"Unknown --optimize '{other}': use file or shots."),
    };

    private static async Task<int> RunShotsAsync(ParseResult parse, Common c, ShotOptions s, string output, VerifyMode verify, CancellationToken ct)
    {
        string input = parse.GetValue(c.Input)!;
        long? budget = null;
        if (parse.GetValue(s.BudgetKbps) is double kbps && parse.GetValue(s.BudgetMb) is double)
            throw new OvniException("Give --budget-kbps or --budget-mb, not both.");
        if (parse.GetValue(s.BudgetMb) is double mb) budget = (long)(mb * 1e6);
        if (parse.GetValue(s.BudgetKbps) is double rate)
        {
            if (!File.Exists(input)) throw new OvniException($"Media file not found: '{input}'.") { FilePath = input };
            double seconds = MediaReader.Probe(input).Duration.TotalSeconds;
            if (!(seconds > 0)) throw new OvniException($"'{input}' has no known duration to turn --budget-kbps into a size; use --budget-mb.") { FilePath = input };
            budget = (long)(rate * 1000 / 8 * seconds);
        }
        var options = new ShotHullOptions
        {
            TargetVmaf = parse.GetValue(c.Target), BudgetBytes = budget, MinShotVmaf = parse.GetValue(s.MinShotVmaf),
            Encoder = VideoEncoderOptions.EncoderFor(parse.GetValue(c.Encoder)!), Preset = parse.GetValue(c.Preset),
            MinCrf = parse.GetValue(c.MinCrf), MaxCrf = parse.GetValue(c.MaxCrf), CoarseCrfs = ParseCrfs(parse.GetValue(s.CoarseCrfs)),
            Variants = EncoderVariant.Parse(parse.GetValue(s.Variants) ?? [], VideoEncoderOptions.EncoderFor(parse.GetValue(c.Encoder)!)),
            RefineRounds = parse.GetValue(s.RefineRounds), Parallelism = parse.GetValue(s.Parallel), Verify = verify, BestEffort = parse.GetValue(c.BestEffort),
            MaxSizePercent = parse.GetValue(c.MaxSize), Pooling = parse.GetValue(c.Pool),
            Plan = new ChunkPlanOptions { MinSeconds = parse.GetValue(s.MinShot), MaxSeconds = parse.GetValue(s.MaxShot) },
            Models = parse.GetValue(c.Models) is string m ? VmafModelCatalog.FromDirectory(m) : VmafModelCatalog.FromEnvironment(),
        };
        bool json = parse.GetValue(c.Json);
        string? hullJson = parse.GetValue(s.HullJson), plot = parse.GetValue(c.Plot);
        // Refused before the probes (hours on a film), not after; checked again when each is written.
        if (hullJson is not null) MediaWriter.EnsureReportWritable(hullJson, input, output, plot);
        if (plot is not null) MediaWriter.EnsureReportWritable(plot, input, output, hullJson);
        ShotHullResult result = parse.GetValue(s.Cluster) is string connection
            ? await RunShotsOnClusterAsync(parse, s, input, output, options, connection, json, ct)
            : await ShotHullEncoder.EncodeAsync(input, output, options, Notes(json), ct);
        object report = ShotsReport(result, input, parse.GetValue(c.Pool));
        // A damaged or truncated source gives a "fine", shorter output: the user must hear of it, as from `ovni transcode`.
        foreach (string warning in result.Warnings) Console.Error.WriteLine($"ovni: warning: {warning}");
        if (hullJson is not null) MediaWriter.WriteReport(hullJson, JsonSerializer.SerializeToUtf8Bytes(report, CliJson.Options), input, output);
        if (plot is not null) CliCharts.WriteShotHulls(result, plot, Path.GetFileName(input), input, output);
        if (json) Console.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
        else
        {
            foreach (ShotReport shot in result.Shots)
                Console.WriteLine($"shot {shot.Index,3} frames {shot.StartFrame,6}+{shot.FrameCount,-4} CRF {shot.Chosen.Crf,5:0.##}{(options.Variants.Count > 0 ? " " + shot.Chosen.Variant : "")}  VMAF {shot.Chosen.MeanVmaf,6:0.00}  {shot.Chosen.Bytes,9} bytes  ({shot.Probes.Count} probes, {shot.Hull.Count} on the hull)");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Shots.Count} shots, {result.ProbeEncodes} probe encodes ({result.ProbeTime.TotalSeconds:0.0} s): predicted VMAF {result.PredictedVmaf:0.000}, measured {result.MeasuredVmaf:0.000}, lowest shot {result.LowestShotVmaf:0.00} (floor {result.MinShotVmaf:0.##}), {(result.OutputBytes > 0 ? $"{result.OutputBytes} bytes" : $"{result.Allocation.Bytes} bytes of video (not published)")}, {result.Elapsed.TotalSeconds:0.0} s"));
            Console.WriteLine(result.Outcome switch
            {
                TargetQualityOutcome.Published => $"published {result.Output}",
                TargetQualityOutcome.PublishedBelowTarget => $"published {result.Output} (best effort: below the target)",
                TargetQualityOutcome.TooLarge => $"not published: larger than {options.MaxSizePercent}% of the source",
                _ when !result.Allocation.Met => "not published: the target (or budget) is not reachable in the CRF range (--best-effort publishes the closest allocation)",
                _ => "not published: the joined file measured below the target (--best-effort publishes it anyway)",
            });
        }
        // As `ovni encode --target-vmaf`: 2 when nothing was published.
        return result.Outcome is TargetQualityOutcome.Published or TargetQualityOutcome.PublishedBelowTarget ? 0 : 2;
    }

    /// <summary>The same run with the probe encodes on the cluster's workers; a line whenever a probe job moves on.</summary>
    private static Task<ShotHullResult> RunShotsOnClusterAsync(ParseResult parse, ShotOptions s, string input, string output, ShotHullOptions options,
        string connection, bool json, CancellationToken ct)
    {
        ClusterCli.QuietEncoderBanners();
        var cluster = new ClusterCoordinatorOptions
        {
            Cluster = ClusterCli.Options(connection, parse.GetValue(s.Lease)),
            Transfer = parse.GetValue(s.Transfer)!.ToLowerInvariant() switch
            {
                "shared" => ChunkTransferMode.SharedFolder,
                "http" => ChunkTransferMode.Http,
                var other => throw new OvniException($"--transfer must be shared or http, not '{other}'."),
            },
            Listen = parse.GetValue(s.Listen) ?? "http://127.0.0.1:0",
            MaxAttempts = parse.GetValue(s.MaxAttempts),
        };
        string last = "";
        var jobs = new Progress<ClusterJobInfo>(job =>
        {
            var workers = job.Chunks.Where(c => c.State == "running" && c.Worker is not null).Select(c => c.Worker!).Distinct().Order();
            string line = $"probe job {job.Id}: {job.ChunksDone}/{job.ChunksTotal} probes encoded; running on {string.Join(", ", workers.DefaultIfEmpty("(waiting for a worker)"))}";
            if (json || line == last) return;
            last = line;
            Console.Error.WriteLine($"ovni: cluster: {line}");
        });
        return ClusterShotHull.EncodeAsync(input, output, options, cluster, Notes(json), jobs, ct);
    }

    private static IReadOnlyList<double>? ParseCrfs(string? text) => text is null ? null
        : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw new OvniException($"--coarse-crfs: '{t}' is not a number."))
            .ToArray();

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    /// <summary>The per-shot table (JSON has no NaN: an unmeasured score is null).</summary>
    private static object ShotsReport(ShotHullResult r, string input, VmafPooling pooling) => new
    {
        input,
        pooling = pooling.ToString(),
        output = r.Output,
        outcome = r.Outcome,
        predicted_vmaf = r.PredictedVmaf,
        measured_vmaf = Finite(r.MeasuredVmaf),
        first_measured_vmaf = Finite(r.FirstMeasuredVmaf),
        output_bytes = r.OutputBytes,
        video_bytes = r.Allocation.Bytes,
        lambda = Finite(r.Allocation.Lambda),
        met = r.Allocation.Met,
        min_shot_vmaf = r.MinShotVmaf,
        lowest_shot_vmaf = r.LowestShotVmaf,
        probe_encodes = r.ProbeEncodes,
        probe_seconds = r.ProbeTime.TotalSeconds,
        elapsed_seconds = r.Elapsed.TotalSeconds,
        warnings = r.Warnings,
        shots = r.Shots.Select(s => new
        {
            index = s.Index, start_frame = s.StartFrame, frames = s.FrameCount,
            crf = s.Chosen.Crf, variant = s.Chosen.Variant, bytes = s.Chosen.Bytes, vmaf = s.Chosen.MeanVmaf, min_frame_vmaf = s.Chosen.MinVmaf,
            probes = s.Probes.Select(p => new { crf = p.Crf, variant = p.Variant, bytes = p.Bytes, vmaf = p.MeanVmaf, on_hull = s.Hull.Contains(p) }),
        }),
    };
}
