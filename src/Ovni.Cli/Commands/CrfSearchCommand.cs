using System.CommandLine;
using System.Text.Json;
using Ovni.Encoding;

namespace Ovni.Cli.Commands;

/// <summary>
/// <c>ovni crf-search IN --target-vmaf 95 [--encoder E] [--preset P] [--min-crf --max-crf] [--pool mean|harmonic|p5|min]
/// [--samples N --sample-seconds S] [--max-size-percent P] [--json] [--plot curve.png]</c>, and <c>ovni encode IN OUT --target-vmaf …</c>.
/// </summary>
internal static partial class CrfSearchCommand
{
    private sealed record Common(Argument<string> Input, Option<double> Target, Option<string> Encoder, Option<string?> Preset, Option<double?> MinCrf,
        Option<double?> MaxCrf, Option<VmafPooling> Pool, Option<int> Samples, Option<double?> SampleSeconds, Option<double> MaxSize, Option<bool> Json,
        Option<string?> Plot, Option<string?> Models, Option<string?> Cache, Option<bool> BestEffort, Option<SamplePlacement> Placement);

    private static Common Options()
    {
        var pool = new Option<VmafPooling>("--pool") { Description = "Pooling: mean, harmonicmean, percentile5, min.", DefaultValueFactory = _ => VmafPooling.Mean };
        pool.CustomParser = r => r.Tokens[0].Value.ToLowerInvariant() switch
        {
            "mean" => VmafPooling.Mean, "harmonic" or "harmonicmean" or "harmonic_mean" => VmafPooling.HarmonicMean,
            "p5" or "percentile5" => VmafPooling.Percentile5, "min" => VmafPooling.Min,
            var other => throw new OvniException($"Unknown pooling '{other}': use mean, harmonic, p5 or min."),
        };
        var placement = new Option<SamplePlacement>("--placement") { Description = "Where samples go: auto (systematic: short samples centred in equal stretches), systematic, scenes, keyframes, even, whole.", DefaultValueFactory = _ => SamplePlacement.Auto };
        placement.CustomParser = r => r.Tokens[0].Value.ToLowerInvariant() switch
        {
            "auto" => SamplePlacement.Auto, "scenes" => SamplePlacement.Scenes, "keyframes" or "key-frames" => SamplePlacement.KeyFrames,
            "even" or "evenintervals" => SamplePlacement.EvenIntervals, "whole" or "wholefile" => SamplePlacement.WholeFile,
            "systematic" => SamplePlacement.Systematic,
            var other => throw new OvniException($"Unknown placement '{other}': use auto, systematic, scenes, keyframes, even or whole."),
        };
        string cacheDefault = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "ovni", "crf-search.sqlite");
        return new Common(
            new Argument<string>("input") { Description = "The video to encode." },
            new Option<double>("--target-vmaf") { Description = "Pooled VMAF to reach.", DefaultValueFactory = _ => 95 },
            new Option<string>("--encoder") { Description = "libsvtav1, libx265, libx264, libaom-av1, hevc_nvenc, av1_nvenc.", DefaultValueFactory = _ => "libsvtav1" },
            new Option<string?>("--preset") { Description = "Encoder preset." },
            new Option<double?>("--min-crf") { Description = "Lowest CRF to consider." },
            new Option<double?>("--max-crf") { Description = "Highest CRF to consider." },
            pool,
            new Option<int>("--samples") { Description = "Samples (0: tuned per encoder and length)." },
            new Option<double?>("--sample-seconds") { Description = "Sample length in seconds (default: tuned per encoder)." },
            new Option<double>("--max-size-percent") { Description = "Refuse outputs larger than this share of the source.", DefaultValueFactory = _ => 100 },
            new Option<bool>("--json") { Description = "Print the result as JSON." },
            new Option<string?>("--plot") { Description = "Write the CRF→VMAF and CRF→size curve with the probes (PNG)." },
            new Option<string?>("--models") { Description = "Folder with libvmaf's models (default $OVNI_VMAF_MODELS or the folder of $OVNI_VMAF_MODEL, else the built-in ones)." },
            new Option<string?>("--cache") { Description = $"SQLite cache of probes (default {cacheDefault}; 'none' disables).", DefaultValueFactory = _ => cacheDefault },
            new Option<bool>("--best-effort") { Description = "When the target is not reachable, use the best CRF in range anyway." },
            placement);
    }

    private static TargetQualityOptions Build(ParseResult parse, Common c) => new()
    {
        TargetVmaf = parse.GetValue(c.Target), Encoder = VideoEncoderOptions.EncoderFor(parse.GetValue(c.Encoder)!), Preset = parse.GetValue(c.Preset),
        MinCrf = parse.GetValue(c.MinCrf), MaxCrf = parse.GetValue(c.MaxCrf), Pooling = parse.GetValue(c.Pool), SampleCount = parse.GetValue(c.Samples),
        SampleDuration = parse.GetValue(c.SampleSeconds) is double seconds ? TimeSpan.FromSeconds(seconds) : null, Placement = parse.GetValue(c.Placement),
        Models = parse.GetValue(c.Models) is string m ? VmafModelCatalog.FromDirectory(m) : VmafModelCatalog.FromEnvironment(),
        CachePath = parse.GetValue(c.Cache) is string cache && cache != "none" ? cache : null,
    };

    private static void Add(Command command, Common c)
    {
        command.Add(c.Input);
        foreach (Option o in new Option[] { c.Target, c.Encoder, c.Preset, c.MinCrf, c.MaxCrf, c.Pool, c.Samples, c.SampleSeconds, c.MaxSize, c.Json, c.Plot, c.Models, c.Cache, c.BestEffort, c.Placement })
            command.Add(o);
    }

    private static Progress<TargetQualityProgress> Notes(bool quiet) => new(p => { if (!quiet) Console.Error.WriteLine($"ovni: {p.Phase}: {p.Message}"); });

    internal static Command CreateSearch()
    {
        Common c = Options();
        var command = new Command("crf-search", "Find the highest CRF whose encode reaches a VMAF target (probes on samples, cached).");
        Add(command, c);
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            // Its samples and hidden attempts are removed on the way out; the encoder may first finish its current frame.
            CliTermination.AllowGrace(TimeSpan.FromSeconds(10));
            TargetQualityOptions options = Build(parse, c);
            bool json = parse.GetValue(c.Json);
            string input = parse.GetValue(c.Input)!;
            if (parse.GetValue(c.Plot) is string chart) MediaWriter.EnsureReportWritable(chart, input);
            TargetQualityResult result = await new TargetQualitySearch(options).SearchAsync(input, Notes(json), ct);
            if (parse.GetValue(c.Plot) is string plot) CliCharts.WriteCrfCurve(result, plot, null, input);
            bool tooLarge = result.PredictedSizePercent > parse.GetValue(c.MaxSize);
            if (json) Console.WriteLine(JsonSerializer.Serialize(new { result, too_large = tooLarge }, CliJson.Options));
            else Print(result, tooLarge);
            return result.Reachable || parse.GetValue(c.BestEffort) ? 0 : 2;
        }));
        return command;
    }

    internal static Command CreateEncode()
    {
        Common c = Options();
        var output = new Argument<string>("output") { Description = "The file to write (appears only when verified)." };
        var verify = new Option<VerifyMode>("--verify") { Description = "full (every frame), sampled (20 windows), none.", DefaultValueFactory = _ => VerifyMode.Full };
        var command = new Command("encode", "Encode at a VMAF target: search, full encode, verify (one corrective re-encode), publish.");
        Add(command, c);
        command.Add(output);
        command.Add(verify);
        ShotOptions shots = AddShotOptions(command);
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            // Its samples and hidden attempts are removed on the way out; the encoder may first finish its current frame.
            CliTermination.AllowGrace(TimeSpan.FromSeconds(10));
            if (IsShots(parse, shots)) return await RunShotsAsync(parse, c, shots, parse.GetValue(output)!, parse.GetValue(verify), ct);
            // One CRF for the whole file has one set of settings: a variant would be silently ignored.
            if (parse.GetValue(shots.Variants) is { Length: > 0 }) throw new OvniException("--shot-variant needs --optimize shots (settings are chosen per shot).");
            var options = new TargetQualityEncodeOptions
            {
                Search = Build(parse, c), Verify = parse.GetValue(verify), MaxSizePercent = parse.GetValue(c.MaxSize), BestEffort = parse.GetValue(c.BestEffort),
            };
            bool json = parse.GetValue(c.Json);
            string input = parse.GetValue(c.Input)!, target = parse.GetValue(output)!;
            // Refused before hours of encoding, not after; checked again when the chart is written.
            if (parse.GetValue(c.Plot) is string chart) MediaWriter.EnsureReportWritable(chart, input, target);
            TargetQualityEncodeResult result = await TargetQualityEncoder.EncodeAsync(input, target, options, Notes(json), ct);
            if (parse.GetValue(c.Plot) is string plot) CliCharts.WriteCrfCurve(result.Search, plot, result.Attempts, input, target);
            if (json) Console.WriteLine(JsonSerializer.Serialize(result, CliJson.Options));
            else
            {
                Print(result.Search, false);
                foreach (string note in result.Warnings) Console.Error.WriteLine($"ovni: warning: {note}");
                foreach (EncodeAttempt a in result.Attempts)
                    Console.WriteLine($"encode CRF {a.Crf:0.##}: measured VMAF {a.MeasuredVmaf:0.000}, {a.Bytes / 1e6:0.00} MB ({100.0 * a.Bytes / Math.Max(1, result.SourceBytes):0.0}% of source), encode {a.EncodeTime.TotalSeconds:0.0} s, verify {a.VerifyTime.TotalSeconds:0.0} s");
                Console.WriteLine(result.Outcome switch
                {
                    TargetQualityOutcome.Published => $"published {result.Output}",
                    TargetQualityOutcome.PublishedBelowTarget => $"published {result.Output} (best effort: below the target)",
                    TargetQualityOutcome.TooLarge => $"not published: larger than {options.MaxSizePercent}% of the source",
                    _ => "not published: the target is not reachable in the CRF range (--best-effort encodes anyway)",
                });
            }
            return result.Outcome is TargetQualityOutcome.Published or TargetQualityOutcome.PublishedBelowTarget ? 0 : 2;
        }));
        return command;
    }

    private static void Print(TargetQualityResult r, bool tooLarge)
    {
        foreach (CrfProbe p in r.Probes)
            Console.WriteLine($"probe CRF {p.Crf,5:0.##}: VMAF {p.Vmaf:0.000}, predicted size {p.PredictedBytes / 1e6:0.00} MB{(p.FromCache ? " (cached)" : "")}");
        Console.WriteLine(r.Reachable
            ? $"CRF {r.Crf:0.##}: predicted VMAF {r.PredictedVmaf:0.00}, size {r.PredictedBytes / 1e6:0.00} MB ({r.PredictedSizePercent:0.0}% of source), encode ≈ {r.PredictedEncodeTime.TotalSeconds:0} s ({r.Interpolation}, {r.ProbesEncoded} probe(s) encoded, {r.SampleCount} samples by {r.Placement}, {r.Elapsed.TotalSeconds:0.0} s)"
            : $"not reachable: the best CRF in range ({r.Crf:0.##}) reaches VMAF {r.PredictedVmaf:0.00} < {r.TargetVmaf}");
        if (tooLarge) Console.WriteLine("warning: the predicted size is above --max-size-percent");
    }
}
