using Ovni.Quality;
using Ovni.Scenes;
using ScottPlot;

namespace Ovni.Cli.Commands;

/// <summary>
/// The tool's PNG charts (ScottPlot), readable at a glance: one message per chart, cuts and probes marked. Each chart is
/// built as a <see cref="Plot"/> (the tests look at what was drawn where) and saved by <see cref="Save"/>. The charts live
/// in the tool, not the libraries: ScottPlot brings SkiaSharp's native libraries, which a library user must not receive.
/// </summary>
internal static class CliCharts
{
    /// <summary>Colour of the per-frame VMAF line.</summary>
    internal static readonly Color VmafColor = Color.FromHex("#1F5FBF");

    /// <summary>Colour of the per-frame PSNR-Y line.</summary>
    internal static readonly Color PsnrColor = Color.FromHex("#E07010");

    internal static void WriteScenes(SceneDetectionResult result, string path, string title, params ReadOnlySpan<string?> jobFiles) =>
        Save(Scenes(result, title), path, jobFiles: jobFiles);

    internal static void WriteCrfCurve(Ovni.Encoding.TargetQualityResult result, string path, IReadOnlyList<Ovni.Encoding.EncodeAttempt>? attempts, params ReadOnlySpan<string?> jobFiles) =>
        Save(CrfCurve(result, attempts), path, jobFiles: jobFiles);

    /// <summary>Writes the per-frame chart of VMAF (left axis, 0–100) and PSNR-Y (right axis, dB) of a comparison.</summary>
    internal static void WritePlot(this QualityResult result, string path, int width = 1200, int height = 500, params ReadOnlySpan<string?> jobFiles) =>
        Save(Vmaf(result), path, width, height, jobFiles);

    internal static Plot Vmaf(QualityResult result)
    {
        var plot = new Plot();
        (double[] frames, double[] vmaf) = Finite(result.Frames, f => f.Vmaf);
        (double[] psnrFrames, double[] psnr) = Finite(result.Frames, f => f.PsnrY);
        if (psnr.Length > 0)
        {
            var line = plot.Add.ScatterLine(psnrFrames, psnr, PsnrColor);
            line.LineWidth = 2;
            line.LegendText = $"PSNR-Y, dB (right), mean {psnr.Average():0.00}";
            line.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "PSNR-Y (dB)";
        }
        if (vmaf.Length > 0)
        {
            var line = plot.Add.ScatterLine(frames, vmaf, VmafColor);
            line.LineWidth = 2;
            line.LegendText = $"VMAF (left), mean {result.Vmaf.Mean:0.00}";
            plot.Axes.SetLimitsY(0, 100, plot.Axes.Left);
        }
        string model = result.Model is { } m ? $" ({m.Name})" : "";
        plot.Title(vmaf.Length > 0 ? $"VMAF per frame{model}: mean {result.Vmaf.Mean:0.00}, min {result.Vmaf.Min:0.00}" : "PSNR-Y per frame");
        plot.XLabel("frame");
        plot.YLabel(vmaf.Length > 0 ? "VMAF" : "");
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }

    internal static Plot Scenes(SceneDetectionResult result, string title)
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
        return plot;
    }

    internal static Plot CrfCurve(Ovni.Encoding.TargetQualityResult result, IReadOnlyList<Ovni.Encoding.EncodeAttempt>? attempts = null)
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
        return plot;
    }

    internal static void WriteShotHulls(Ovni.Encoding.ShotHullResult result, string path, string title, params ReadOnlySpan<string?> jobFiles)
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
        Save(plot, path, jobFiles: jobFiles);
    }

    /// <summary>
    /// Renders <paramref name="plot"/> into a PNG file of <paramref name="width"/> × <paramref name="height"/> pixels, written as
    /// every Ovni report is (<see cref="MediaWriter.WriteReport"/>): whole or not at all, never over one of
    /// <paramref name="jobFiles"/> or a file that is not a PNG.
    /// </summary>
    /// <exception cref="OvniException">The file cannot be written, or may not be (the message names it and the reason).</exception>
    internal static void Save(Plot plot, string path, int width = 1200, int height = 500, params ReadOnlySpan<string?> jobFiles)
    {
        MediaWriter.WriteReport(path, plot.GetImageBytes(width, height, ImageFormat.Png), jobFiles);
    }

    // A NaN score (a metric not computed, or not for that frame) is left out rather than drawn at an axis edge.
    private static (double[] Frames, double[] Values) Finite(IReadOnlyList<QualityFrameScores> frames, Func<QualityFrameScores, double> value)
    {
        var kept = frames.Where(f => double.IsFinite(value(f))).ToList();
        return (kept.Select(f => (double)f.FrameNumber).ToArray(), kept.Select(value).ToArray());
    }
}
