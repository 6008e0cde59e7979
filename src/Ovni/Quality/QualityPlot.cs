// Per-frame chart of VMAF (left axis, 0-100) and PSNR-Y (right axis, dB) with grid, tick labels and legend,
// rendered into an RGBA buffer by our own primitives and saved as PNG: readable at a glance, no dependencies.
namespace Ovni.Quality;

/// <summary>Renders per-frame VMAF and PSNR charts.</summary>
internal static class QualityPlot
{
    /// <summary>Colour of the VMAF line (0xRRGGBB).</summary>
    public const uint VmafColor = 0x1F5FBF;
    /// <summary>Colour of the PSNR-Y line (0xRRGGBB).</summary>
    public const uint PsnrColor = 0xE07010;

    private const uint Background = 0xFFFFFF, Grid = 0xDDDDDD, Axis = 0x333333, Text = 0x222222;
    private const int Left = 70, Right = 80, Top = 40, Bottom = 50, FontScale = 2;

    /// <summary>Renders the chart as RGBA8 pixels, row-major, <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static byte[] RenderRgba(QualityResult result, int width = 1200, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (width < Left + Right + 50 || height < Top + Bottom + 50)
            throw new ArgumentOutOfRangeException(nameof(width), $"The chart needs at least {Left + Right + 50}x{Top + Bottom + 50} pixels.");
        var rgba = new byte[width * height * 4];
        Canvas.FillRect(rgba, width, height, 0, 0, width, height, Background);

        int plotW = width - Left - Right, plotH = height - Top - Bottom;
        var frames = result.Frames;
        int lastFrame = Math.Max(1, frames.Count == 0 ? 1 : frames[^1].FrameNumber);
        bool hasVmaf = frames.Any(f => !double.IsNaN(f.Vmaf));
        bool hasPsnr = frames.Any(f => !double.IsNaN(f.PsnrY));
        double psnrLo = 0, psnrHi = 60;
        if (hasPsnr)
        {
            var values = frames.Select(f => f.PsnrY).Where(v => !double.IsNaN(v)).ToArray();
            psnrLo = Math.Floor(values.Min() / 10) * 10;
            psnrHi = Math.Max(psnrLo + 10, Math.Ceiling(values.Max() / 10) * 10);
        }

        // horizontal grid: 5 bands for VMAF 0..100, the same lines carry PSNR labels on the right
        for (int i = 0; i <= 5; i++)
        {
            int y = Top + plotH - i * plotH / 5;
            Canvas.FillRect(rgba, width, height, Left, y, plotW, 1, Grid);
            string vmafLabel = (i * 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
            BitmapFont.Draw(rgba, width, height, vmafLabel, Left - 8 - BitmapFont.MeasureWidth(vmafLabel, FontScale), y - 7, FontScale, VmafColor);
            if (hasPsnr)
            {
                string psnrLabel = (psnrLo + i * (psnrHi - psnrLo) / 5).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
                BitmapFont.Draw(rgba, width, height, psnrLabel, Left + plotW + 8, y - 7, FontScale, PsnrColor);
            }
        }
        // vertical ticks at a round frame step
        int step = NiceStep(lastFrame / 8.0);
        for (int f = 0; f <= lastFrame; f += step)
        {
            int x = Left + (int)((long)f * plotW / lastFrame);
            Canvas.FillRect(rgba, width, height, x, Top, 1, plotH, Grid);
            string label = f.ToString(System.Globalization.CultureInfo.InvariantCulture);
            BitmapFont.Draw(rgba, width, height, label, x - BitmapFont.MeasureWidth(label, FontScale) / 2, Top + plotH + 8, FontScale, Text);
        }
        Canvas.FillRect(rgba, width, height, Left, Top, 2, plotH + 1, Axis);
        Canvas.FillRect(rgba, width, height, Left, Top + plotH, plotW + 1, 2, Axis);
        Canvas.FillRect(rgba, width, height, Left + plotW, Top, 2, plotH + 1, Axis);
        string axisTitle = "FRAME";
        BitmapFont.Draw(rgba, width, height, axisTitle, Left + plotW / 2 - BitmapFont.MeasureWidth(axisTitle, FontScale) / 2, height - 20, FontScale, Text);

        if (hasPsnr) DrawSeries(rgba, width, height, frames, f => f.PsnrY, psnrLo, psnrHi, lastFrame, plotW, plotH, PsnrColor);
        if (hasVmaf) DrawSeries(rgba, width, height, frames, f => f.Vmaf, 0, 100, lastFrame, plotW, plotH, VmafColor);

        // legend
        int legendX = Left + 10;
        if (hasVmaf)
        {
            string text = $"VMAF MEAN {result.Vmaf.Mean:0.00}";
            Canvas.FillRect(rgba, width, height, legendX, 16, 20, 4, VmafColor);
            BitmapFont.Draw(rgba, width, height, text, legendX + 26, 11, FontScale, VmafColor);
            legendX += 26 + BitmapFont.MeasureWidth(text, FontScale) + 30;
        }
        if (hasPsnr)
        {
            Canvas.FillRect(rgba, width, height, legendX, 16, 20, 4, PsnrColor);
            BitmapFont.Draw(rgba, width, height, "PSNR Y (DB)", legendX + 26, 11, FontScale, PsnrColor);
        }
        return rgba;
    }

    /// <summary>Renders the chart and writes it as a PNG file.</summary>
    /// <exception cref="OvniException">The file cannot be written.</exception>
    public static void WritePng(QualityResult result, string path, int width = 1200, int height = 500)
    {
        var rgba = RenderRgba(result, width, height);
        try
        {
            using var stream = File.Create(path);
            PngWriter.Write(stream, rgba, width, height);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OvniException($"Cannot write chart '{path}': {e.Message}", e) { FilePath = path };
        }
    }

    /// <summary>Writes the chart as PNG to a stream (left open).</summary>
    public static void WritePng(QualityResult result, Stream stream, int width = 1200, int height = 500) =>
        PngWriter.Write(stream, RenderRgba(result, width, height), width, height);

    private static void DrawSeries(byte[] rgba, int width, int height, IReadOnlyList<QualityFrameScores> frames,
        Func<QualityFrameScores, double> value, double lo, double hi, int lastFrame, int plotW, int plotH, uint color)
    {
        int? px = null, py = null;
        foreach (var frame in frames)
        {
            double v = value(frame);
            if (double.IsNaN(v)) { px = null; continue; }
            int x = Left + (int)((long)frame.FrameNumber * plotW / lastFrame);
            int y = Top + plotH - (int)Math.Round(Math.Clamp((v - lo) / (hi - lo), 0, 1) * plotH);
            if (px is { } x0 && py is { } y0) Canvas.Line(rgba, width, height, x0, y0, x, y, color, 2);
            else Canvas.FillRect(rgba, width, height, x - 1, y - 1, 3, 3, color);
            px = x;
            py = y;
        }
    }

    private static int NiceStep(double raw)
    {
        if (raw <= 1) return 1;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return (int)(nice * magnitude);
    }
}
