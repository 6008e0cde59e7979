using Ovni.Scenes;
using ScottPlot;

namespace Ovni.Cli.Commands;

/// <summary>The tool's PNG charts (ScottPlot), readable at a glance: one message per chart, cuts and probes marked.</summary>
internal static class CliCharts
{
    internal static void WriteScenes(SceneDetectionResult result, string path, string title)
    {
        var plot = new Plot();
        double[] times = result.FrameTimes.Select(t => t.TotalSeconds).ToArray();
        double[] differences = result.Differences.Select(d => (double)d).ToArray();
        var line = plot.Add.ScatterLine(times, differences);
        line.LegendText = "luma difference to the frame before";
        line.LineWidth = 1;
        foreach (SceneCut cut in result.Cuts)
        {
            var marker = plot.Add.VerticalLine(cut.Time.TotalSeconds);
            marker.Color = cut.Kind == SceneCutKind.Cut ? Colors.Red.WithAlpha(0.6) : Colors.Orange.WithAlpha(0.8);
            marker.LineWidth = 1.5f;
            marker.LinePattern = cut.Kind == SceneCutKind.Cut ? LinePattern.Solid : LinePattern.Dashed;
        }
        plot.Title($"{title}: {result.Scenes.Count} scenes (red: cut, orange dashed: fade)");
        plot.XLabel("time (s)");
        plot.YLabel("mean |Δ luma| (8-bit)");
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path);
    }

    internal static void WriteCrfCurve(Ovni.Encoding.TargetQualityResult result, string path, IReadOnlyList<Ovni.Encoding.EncodeAttempt>? attempts = null)
    {
        var plot = new Plot();
        var probes = result.Probes.OrderBy(p => p.Crf).ToList();
        double[] crf = probes.Select(p => p.Crf).ToArray();
        var vmaf = plot.Add.Scatter(crf, probes.Select(p => p.Vmaf).ToArray());
        vmaf.LegendText = "VMAF of probes (left)";
        vmaf.MarkerSize = 9;
        var size = plot.Add.Scatter(crf, probes.Select(p => p.PredictedBytes / 1e6).ToArray());
        size.LegendText = "predicted size, MB (right)";
        size.MarkerShape = MarkerShape.FilledSquare;
        size.LinePattern = LinePattern.Dashed;
        size.Axes.YAxis = plot.Axes.Right;
        var target = plot.Add.HorizontalLine(result.TargetVmaf);
        target.Color = Colors.Green;
        target.LinePattern = LinePattern.Dotted;
        target.LegendText = $"target {result.TargetVmaf}";
        var answer = plot.Add.VerticalLine(result.Crf);
        answer.Color = Colors.Red;
        answer.LegendText = $"answer CRF {result.Crf:0.##}";
        if (attempts is { Count: > 0 })
        {
            var measured = plot.Add.ScatterPoints(attempts.Select(a => a.Crf).ToArray(), attempts.Select(a => a.MeasuredVmaf).ToArray());
            measured.MarkerShape = MarkerShape.OpenDiamond;
            measured.MarkerSize = 14;
            measured.LegendText = "measured full encodes";
        }
        plot.Title($"{Path.GetFileName(result.Input)}: {result.Encoder} {result.Preset}, target VMAF {result.TargetVmaf}");
        plot.XLabel("CRF");
        plot.YLabel("VMAF");
        plot.Axes.Right.Label.Text = "size (MB)";
        plot.ShowLegend(Alignment.LowerLeft);
        Save(plot, path);
    }

    internal static void WriteShotHulls(Ovni.Encoding.ShotHullResult result, string path, string title)
    {
        var plot = new Plot();
        // Size per frame, so short and long shots share one scale.
        foreach (Ovni.Encoding.ShotReport shot in result.Shots)
        {
            var hull = plot.Add.ScatterLine(shot.Hull.Select(p => p.Bytes / 1000.0 / shot.FrameCount).ToArray(), shot.Hull.Select(p => p.MeanVmaf).ToArray());
            hull.LineWidth = 1;
            hull.MarkerSize = 4;
            hull.Color = hull.Color.WithAlpha(0.6);
        }
        var chosen = plot.Add.ScatterPoints(result.Shots.Select(s => s.Chosen.Bytes / 1000.0 / s.FrameCount).ToArray(), result.Shots.Select(s => s.Chosen.MeanVmaf).ToArray());
        chosen.MarkerShape = MarkerShape.FilledDiamond;
        chosen.MarkerSize = 11;
        chosen.Color = Colors.Red;
        chosen.LegendText = "chosen encode of each shot";
        var floor = plot.Add.HorizontalLine(result.MinShotVmaf);
        floor.Color = Colors.Orange;
        floor.LinePattern = LinePattern.Dashed;
        floor.LegendText = $"per-shot floor {result.MinShotVmaf:0.##}";
        plot.Title($"{title}: {result.Shots.Count} shots' hulls; pooled VMAF {result.PredictedVmaf:0.00} predicted, {result.MeasuredVmaf:0.00} measured");
        plot.XLabel("kB per frame");
        plot.YLabel("mean VMAF of the shot");
        plot.ShowLegend(Alignment.LowerRight);
        Save(plot, path);
    }

    internal static void Save(Plot plot, string path)
    {
        try
        {
            plot.SavePng(path, 1200, 500);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OvniException($"Cannot write the chart '{path}': {e.Message}", e) { FilePath = path };
        }
    }
}
