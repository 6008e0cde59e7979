using Ovni.Encoding.Ladder;

namespace Ovni.Cli.Commands;

/// <summary>The ladder's rate–quality plot with ScottPlot: bit rate → VMAF (or → CRF without a model), each point labelled with its CRF.</summary>
internal static class LadderPlot
{
    internal static void Write(IReadOnlyList<LadderPoint> points, string encoder, string title, string path, params ReadOnlySpan<string?> jobFiles) =>
        CliCharts.Save(Build(points, encoder, title), path, 900, 560, jobFiles);

    internal static ScottPlot.Plot Build(IReadOnlyList<LadderPoint> points, string encoder, string title)
    {
        var plot = new ScottPlot.Plot();
        double[] xs = points.Select(p => p.BitRate / 1000.0).ToArray();
        bool vmaf = points.All(p => p.Vmaf is not null);
        double[] ys = points.Select(p => vmaf ? p.Vmaf!.Value : p.Crf).ToArray();
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = encoder;
        line.MarkerSize = 9;
        line.LineWidth = 2;
        for (int i = 0; i < points.Count; i++)
        {
            var label = plot.Add.Text($"CRF {points[i].Crf}", xs[i], ys[i]);
            label.LabelFontSize = 13;
            label.OffsetX = 8;
            label.OffsetY = -8;
        }
        plot.Title($"{title}: rate–quality ({encoder})");
        plot.XLabel("bit rate (kb/s)");
        plot.YLabel(vmaf ? "VMAF (mean)" : "CRF");
        plot.Axes.Margins(horizontal: 0.18, vertical: 0.12); // room for the last label
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        return plot;
    }
}
