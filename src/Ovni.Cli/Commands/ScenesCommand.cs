using System.CommandLine;
using System.Text.Json;
using Ovni.Scenes;
using Spectre.Console;

namespace Ovni.Cli.Commands;

/// <summary><c>ovni scenes IN [--json] [--plot OUT.png] [--min-scene-length S] [--threshold R]</c>.</summary>
internal static class ScenesCommand
{
    internal static Command Create()
    {
        var input = new Argument<string>("input") { Description = "The video to split into scenes." };
        var json = new Option<bool>("--json") { Description = "Print the cuts and scenes as JSON." };
        var plot = new Option<string?>("--plot") { Description = "Write a chart of the frame differences with the cuts marked (PNG)." };
        var minLength = new Option<double>("--min-scene-length") { Description = "Shortest scene in seconds.", DefaultValueFactory = _ => 0.5 };
        var threshold = new Option<double>("--threshold") { Description = "Adaptive threshold: how far a cut's difference must stand above its neighbours'.", DefaultValueFactory = _ => 3.0 };
        var noFades = new Option<bool>("--no-fades") { Description = "Report hard cuts only." };
        var perFrame = new Option<bool>("--per-frame") { Description = "With --json: add each frame's luma difference and mean luma." };
        var command = new Command("scenes", "Find hard cuts and fades (scene boundaries) in a video.") { input, json, plot, minLength, threshold, noFades, perFrame };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            string path = parse.GetValue(input)!;
            var options = new SceneDetectionOptions
            {
                MinimumSceneLength = TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(minLength))),
                AdaptiveThreshold = parse.GetValue(threshold),
                DetectFades = !parse.GetValue(noFades),
            };
            if (parse.GetValue(plot) is string chart) MediaWriter.EnsureReportWritable(chart, path);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            SceneDetectionResult result;
            try
            {
                result = await SceneDetector.DetectAsync(path, options, cancellationToken: ct);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new OvniException(e.Message, e);
            }
            double seconds = clock.Elapsed.TotalSeconds;
            if (parse.GetValue(plot) is string plotPath) CliCharts.WriteScenes(result, plotPath, Path.GetFileName(path), path);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    input = path, frames = result.FrameCount, duration_seconds = result.Duration.TotalSeconds, analysis_seconds = seconds,
                    cuts = result.Cuts.Select(c => new { frame = c.Frame, time = c.Time.TotalSeconds, kind = c.Kind, score = c.Score }),
                    scenes = result.Scenes.Select(s => new { index = s.Index, start_frame = s.StartFrame, frames = s.FrameCount, start = s.Start.TotalSeconds, duration = s.Duration.TotalSeconds }),
                    differences = parse.GetValue(perFrame) ? result.Differences.Select(d => Math.Round(d, 3)) : null,
                    mean_luma = parse.GetValue(perFrame) ? result.MeanLuma.Select(d => Math.Round(d, 2)) : null,
                }, CliJson.Options));
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("scene", "first frame", "start", "duration", "starts with");
            IReadOnlyList<SceneCut> cuts = result.Cuts;
            foreach (Scene scene in result.Scenes)
            {
                string kind = scene.Index == 0 ? "start" : cuts[scene.Index - 1].Kind == SceneCutKind.Cut ? $"cut ({cuts[scene.Index - 1].Score:0.0}x)" : "fade";
                table.AddRow(scene.Index.ToString(), scene.StartFrame.ToString(), $"{scene.Start:hh\\:mm\\:ss\\.fff}", $"{scene.Duration.TotalSeconds:0.00} s", kind);
            }
            AnsiConsole.Write(table);
            Console.WriteLine($"{result.Scenes.Count} scenes in {result.FrameCount} frames, analysed in {seconds:0.00} s ({result.FrameCount / Math.Max(1e-9, seconds):0} fps)");
            return 0;
        }));
        return command;
    }
}
