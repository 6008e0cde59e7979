using Ovni.Quality;

namespace Ovni.Samples.Recipes;

internal static partial class Recipes
{
    /// <summary>VMAF (libvmaf's built-in model for the picture size), PSNR and SSIM of a distorted file against its reference.</summary>
    public static async Task ScoreVmafAsync(string reference, string distorted, CancellationToken ct)
    {
        // README begin: vmaf
        QualityResult scores = await QualityScorer.ScoreFilesAsync(reference, distorted,
            new QualityOptions { Metrics = QualityMetrics.All },   // no Model: libvmaf's vmaf_v0.6.1 (4K model above 2560x1440), built in
            cancellationToken: ct);
        Console.WriteLine($"VMAF {scores.Vmaf.Mean:0.00} (harmonic mean {scores.Vmaf.HarmonicMean:0.00}, worst frame {scores.Vmaf.Min:0.00}), " +
                          $"model {scores.Model?.Name}, {scores.Frames.Count} frames");
        scores.WriteJson(Path.ChangeExtension(distorted, ".vmaf.json"));   // per-frame scores in libvmaf's JSON layout
        // README end
    }
}
