using System.CommandLine;
using Microsoft.Extensions.Logging;
using Ovni.Quality;
using Spectre.Console;

namespace Ovni.Cli.Commands;

/// <summary><c>ovni vmaf REF DIST [--model VERSION|PATH] [--json OUT] [--threads N] [--align time|index|start] [--plot OUT.png] [--device cpu|cuda|auto]</c>.</summary>
internal static class VmafCommand
{
    internal const string ModelVariable = "OVNI_VMAF_MODEL";

    internal static Command Create()
    {
        var reference = new Argument<string>("reference") { Description = "The original video." };
        var distorted = new Argument<string>("distorted") { Description = "The encoded video (scaled to the reference's size if it differs)." };
        var model = new Option<string?>("--model")
        {
            Description = "VMAF model: a built-in libvmaf version (vmaf_v0.6.1, vmaf_4k_v0.6.1, vmaf_v0.6.1neg; also as version=NAME) " +
                $"or a libvmaf JSON model file (path=FILE or a path). Default: ${ModelVariable}, else the built-in vmaf_v0.6.1 " +
                "(vmaf_4k_v0.6.1 for references larger than 2560x1440).",
        };
        var json = new Option<string?>("--json") { Description = "Write per-frame and pooled scores in libvmaf's JSON layout to this file." };
        var threads = new Option<int>("--threads") { Description = "Scoring threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var subsample = new Option<int>("--subsample") { Description = "Score every Nth frame.", DefaultValueFactory = _ => 1 };
        var offset = new Option<int>("--offset") { Description = "Skip this many distorted frames (negative: reference frames) before pairing (a shift with --align index)." };
        var align = new Option<FrameAlignment>("--align")
        {
            Description = "Pair frames by presentation time (time, default: as FFmpeg's libvmaf filter), in decode order (index), or by time from a common start (start).",
            DefaultValueFactory = _ => FrameAlignment.Time,
        };
        var plot = new Option<string?>("--plot") { Description = "Write a per-frame VMAF/PSNR chart (PNG)." };
        var device = new Option<DeviceKind>("--device")
        {
            Description = "cpu (default), cuda (decode on the GPU where NVDEC can, VIF/ADM/motion as CUDA kernels; same scores), or auto.",
            DefaultValueFactory = _ => DeviceKind.Cpu,
        };
        var command = new Command("vmaf", "Score a distorted video against its reference: VMAF (libvmaf-exact), PSNR, SSIM.")
        {
            reference, distorted, model, json, threads, subsample, offset, align, plot, device,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            // Pairing problems get their own warning line below; the scorer's log would say the same twice.
            using ILoggerFactory logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
                .AddFilter("ovni.vmaf", LogLevel.Error));
            string? modelName = parse.GetValue(model) ?? NullIfEmpty(Environment.GetEnvironmentVariable(ModelVariable));
            VmafModel? vmaf = modelName is null ? null : VmafModel.Resolve(modelName); // null: the built-in model for the reference's size
            var options = new QualityOptions
            {
                Model = vmaf,
                Metrics = QualityMetrics.All,
                Threads = Math.Max(1, parse.GetValue(threads)),
                Subsample = Math.Max(1, parse.GetValue(subsample)),
                Configuration = new OvniConfiguration { Logger = logging.CreateLogger("ovni.vmaf"), Device = parse.GetValue(device) },
                Alignment = parse.GetValue(align),
            };
            string referencePath = parse.GetValue(reference)!, distortedPath = parse.GetValue(distorted)!;
            string? jsonPath = parse.GetValue(json), plotPath = parse.GetValue(plot);
            // Refused before the scoring, which can take minutes; the files are checked again when they are written.
            if (jsonPath is not null) MediaWriter.EnsureReportWritable(jsonPath, referencePath, distortedPath, plotPath);
            if (plotPath is not null) MediaWriter.EnsureReportWritable(plotPath, referencePath, distortedPath, jsonPath);
            ComputeDevice scoringDevice = ComputeDevice.Select(options.Configuration);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            QualityResult result = await QualityScorer.ScoreFilesAsync(referencePath, distortedPath, options,
                parse.GetValue(offset), cancellationToken: ct);
            double fps = result.Frames.Count / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
            if (jsonPath is not null)
            {
                using var scores = new MemoryStream();
                result.WriteJson(scores, fps);
                MediaWriter.WriteReport(jsonPath, scores.GetBuffer().AsSpan(0, (int)scores.Length), referencePath, distortedPath);
            }
            if (plotPath is not null) result.WritePlot(plotPath, jobFiles: [referencePath, distortedPath]);

            var table = new Table().Border(TableBorder.Rounded).AddColumns("metric", "mean", "harmonic mean", "min", "1%", "5%", "max");
            foreach (var (name, pooled) in result.Pooled.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                table.AddRow(Markup.Escape(name), F(pooled.Mean), F(pooled.HarmonicMean), F(pooled.Min), F(pooled.Percentile1), F(pooled.Percentile5), F(pooled.Max));
            AnsiConsole.Write(table);
            if (result.Model is { } used)
                Console.WriteLine($"VMAF model: {used.Name} ({(used.IsBuiltIn ? "built in" : used.FilePath)})");
            Console.WriteLine($"{result.Frames.Count} frames scored in {clock.Elapsed.TotalSeconds:0.00} s ({fps:0.0} fps, decode included) on {scoringDevice.Name}");
            if (result.Alignment is { IsClean: false } alignment)
                Console.Error.WriteLine($"ovni: warning: frames did not pair one to one (reference {result.ReferenceFrameCount}, distorted {result.DistortedFrameCount} frames): {alignment.Describe()}.");
            return 0;
        }));
        return command;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string F(double value) => value.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture);
}
