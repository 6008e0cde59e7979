using System.CommandLine;
using Microsoft.Extensions.Logging;
using Ovni.Quality;
using Spectre.Console;

namespace Ovni.Cli.Commands;

/// <summary><c>ovni vmaf REF DIST [--model PATH] [--json OUT] [--threads N] [--plot OUT.png] [--device cpu|cuda|auto]</c>.</summary>
internal static class VmafCommand
{
    internal const string ModelVariable = "OVNI_VMAF_MODEL";

    internal static Command Create()
    {
        var reference = new Argument<string>("reference") { Description = "The original video." };
        var distorted = new Argument<string>("distorted") { Description = "The encoded video (scaled to the reference's size if it differs)." };
        var model = new Option<string?>("--model") { Description = $"libvmaf JSON model file (e.g. vmaf_v0.6.1.json); default: ${ModelVariable}. Without a model only PSNR and SSIM are computed." };
        var json = new Option<string?>("--json") { Description = "Write per-frame and pooled scores in libvmaf's JSON layout to this file." };
        var threads = new Option<int>("--threads") { Description = "Scoring threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var subsample = new Option<int>("--subsample") { Description = "Score every Nth frame.", DefaultValueFactory = _ => 1 };
        var offset = new Option<int>("--offset") { Description = "Skip this many distorted frames (negative: reference frames) before pairing." };
        var plot = new Option<string?>("--plot") { Description = "Write a per-frame VMAF/PSNR chart (PNG)." };
        var device = new Option<DeviceKind>("--device")
        {
            Description = "cpu (default), cuda (decode on the GPU where NVDEC can, VIF/ADM/motion as CUDA kernels; same scores), or auto.",
            DefaultValueFactory = _ => DeviceKind.Cpu,
        };
        var command = new Command("vmaf", "Score a distorted video against its reference: VMAF (libvmaf-exact), PSNR, SSIM.")
        {
            reference, distorted, model, json, threads, subsample, offset, plot, device,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using ILoggerFactory logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            string? modelPath = parse.GetValue(model) ?? Environment.GetEnvironmentVariable(ModelVariable);
            VmafModel? vmaf = modelPath is null ? null : VmafModel.Load(modelPath);
            if (vmaf is null) Console.Error.WriteLine($"ovni: note: no VMAF model given (--model or ${ModelVariable}); computing PSNR and SSIM only.");
            var options = new QualityOptions
            {
                Model = vmaf,
                Metrics = vmaf is null ? QualityMetrics.Psnr | QualityMetrics.Ssim : QualityMetrics.All,
                Threads = Math.Max(1, parse.GetValue(threads)),
                Subsample = Math.Max(1, parse.GetValue(subsample)),
                Configuration = new OvniConfiguration { Logger = logging.CreateLogger("ovni.vmaf"), Device = parse.GetValue(device) },
            };
            ComputeDevice scoringDevice = ComputeDevice.Select(options.Configuration);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            QualityResult result = await QualityScorer.ScoreFilesAsync(parse.GetValue(reference)!, parse.GetValue(distorted)!, options,
                parse.GetValue(offset), cancellationToken: ct);
            double fps = result.Frames.Count / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
            if (parse.GetValue(json) is string jsonPath) result.WriteJson(jsonPath, fps);
            if (parse.GetValue(plot) is string plotPath) result.WritePlot(plotPath);

            var table = new Table().Border(TableBorder.Rounded).AddColumns("metric", "mean", "harmonic mean", "min", "1%", "5%", "max");
            foreach (var (name, pooled) in result.Pooled.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                table.AddRow(Markup.Escape(name), F(pooled.Mean), F(pooled.HarmonicMean), F(pooled.Min), F(pooled.Percentile1), F(pooled.Percentile5), F(pooled.Max));
            AnsiConsole.Write(table);
            Console.WriteLine($"{result.Frames.Count} frames scored in {clock.Elapsed.TotalSeconds:0.00} s ({fps:0.0} fps, decode included) on {scoringDevice.Name}");
            if (result.FrameCountMismatch)
                Console.Error.WriteLine($"ovni: warning: frame counts differ (reference {result.ReferenceFrameCount}, distorted {result.DistortedFrameCount}); the first {result.Frames.Count} pairs were scored.");
            return 0;
        }));
        return command;
    }

    private static string F(double value) => value.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture);
}
