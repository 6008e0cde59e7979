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
