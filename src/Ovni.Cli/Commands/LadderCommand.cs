using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ovni.Encoding.Ladder;
using Ovni.Quality;
using Spectre.Console;

namespace Ovni.Cli.Commands;

/// <summary><c>ovni ladder IN --crf 20,26,32,38 [--encoder] [--preset] [--parallel N] [--model] [--plot OUT.png] [--keep DIR] [--json]</c>.</summary>
internal static class LadderCommand
{
    internal static Command Create()
    {
        var input = new Argument<string>("input") { Description = "The file to encode at each CRF." };
        var crfs = new Option<string>("--crf") { Description = "Comma-separated CRFs.", DefaultValueFactory = _ => "20,26,32,38" };
        var encoder = new Option<string>("--encoder") { Description = "libx265 | libsvtav1 | libx264 | … (or hevc, av1, h264).", DefaultValueFactory = _ => "libx265" };
        var preset = new Option<string?>("--preset") { Description = "Encoder preset." };
        var parallel = new Option<int>("--parallel") { Description = "Encodes at once (0 = one per two cores)." };
        var model = new Option<string?>("--model") { Description = $"libvmaf JSON model (default ${VmafCommand.ModelVariable}); without one, no VMAF column." };
        var plot = new Option<string?>("--plot") { Description = "Write the rate–quality plot (PNG)." };
        var keep = new Option<string?>("--keep") { Description = "Keep the encodes in this folder." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("ladder", "Encode one file at several CRFs: size, bit rate, VMAF and time per CRF, with a rate–quality plot.")
        {
            input, crfs, encoder, preset, parallel, model, plot, keep, json,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            string source = parse.GetValue(input)!;
            int[] values = ParseCrfs(parse.GetValue(crfs)!);
            string? modelPath = parse.GetValue(model) ?? Environment.GetEnvironmentVariable(VmafCommand.ModelVariable);
            var options = new LadderOptions
            {
                Crfs = values,
                Encoder = VideoEncoderOptions.EncoderFor(parse.GetValue(encoder)!),
                Preset = parse.GetValue(preset),
                Parallel = parse.GetValue(parallel),
                Model = modelPath is null ? null : VmafModel.Load(modelPath),
                KeepFolder = parse.GetValue(keep) is string k ? Directory.CreateDirectory(k).FullName : null,
            };
            if (parse.GetValue(plot) is string chart) MediaWriter.EnsureReportWritable(chart, source);
            if (options.Model is null && !parse.GetValue(json)) Console.Error.WriteLine($"ovni: note: no VMAF model (--model or ${VmafCommand.ModelVariable}); size, bit rate and time only.");
            IReadOnlyList<LadderPoint> points = await CrfLadder.RunAsync(source, options, cancellationToken: ct);
            if (parse.GetValue(plot) is string png) LadderPlot.Write(points, options.Encoder, Path.GetFileName(source), png, [source, .. points.Select(p => p.Path)]);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    input = source, encoder = options.Encoder, preset = options.Preset,
                    points = points.Select(p => new { crf = p.Crf, bytes = p.Bytes, bitrate = p.BitRate, vmaf = p.Vmaf, encode_seconds = p.EncodeTime.TotalSeconds, frames = p.Frames, path = p.Path }),
                }, CliJson.Options));
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("CRF", "size", "bit rate", "VMAF", "encode time", "fps");
            foreach (LadderPoint p in points)
                table.AddRow(p.Crf.ToString(CultureInfo.InvariantCulture), AutoEncodeCommand.Bytes(p.Bytes), $"{p.BitRate / 1000.0:0} kb/s",
                    p.Vmaf?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—", $"{p.EncodeTime.TotalSeconds:0.0} s", $"{p.Frames / Math.Max(1e-9, p.EncodeTime.TotalSeconds):0.0}");
            AnsiConsole.Write(table);
            if (parse.GetValue(plot) is string written) Console.WriteLine($"plot: {written}");
            return 0;
        }));
        return command;
    }

    internal static int[] ParseCrfs(string text)
    {
        var list = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int crf) || crf is < 0 or > 63)
                throw new OvniException($"--crf: '{part}' is not a CRF from 0 to 63 (write e.g. --crf 20,26,32,38).");
            list.Add(crf);
        }
        if (list.Count == 0) throw new OvniException("--crf: no CRF given (write e.g. --crf 20,26,32,38).");
        return list.ToArray();
    }
}
