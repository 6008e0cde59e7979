// Our JSON must read like libvmaf's: same keys, same nesting, 6-decimal values that round-trip the scores.
using System.Text.Json;
using Ovni.Quality;

namespace Ovni.Quality.Tests;

public sealed class LibvmafJsonWriterTests
{
    [Fact]
    public async Task Json_has_libvmaf_layout_and_values()
    {
        const int w = 64, h = 48;
        string reference = SyntheticFrames.WriteRaw8(SyntheticFrames.TempPath("ref.yuv"), w, h, 4, seed: 1, noise: 0);
        string distorted = SyntheticFrames.WriteRaw8(SyntheticFrames.TempPath("dist.yuv"), w, h, 4, seed: 2, noise: 8);
        try
        {
            var result = await QualityScorer.ScoreRawFilesAsync(reference, distorted, new YuvFormat(w, h),
                new QualityOptions { Model = VmafModel.Load(SharedData.ModelPath("vmaf_v0.6.1.json")) },
                cancellationToken: TestContext.Current.CancellationToken);
            using var stream = new MemoryStream();
            LibvmafJsonWriter.Write(result, stream);
            using var doc = JsonDocument.Parse(stream.ToArray());
            var frames = doc.RootElement.GetProperty("frames");
            Assert.Equal(4, frames.GetArrayLength());
            for (int i = 0; i < 4; i++)
            {
                var frame = frames[i];
                Assert.Equal(i, frame.GetProperty("frameNum").GetInt32());
                var metrics = frame.GetProperty("metrics");
                foreach (var key in new[] { "vmaf", "integer_adm2", "integer_motion2", "integer_vif_scale0", "integer_vif_scale3", "psnr_y", "psnr_cb", "psnr_cr", "float_ssim" })
                    Assert.True(metrics.TryGetProperty(key, out _), $"frame {i} lacks {key}");
                Assert.Equal(result.Frames[i].Vmaf, metrics.GetProperty("vmaf").GetDouble(), 5e-7);
                Assert.Equal(result.Frames[i].PsnrY, metrics.GetProperty("psnr_y").GetDouble(), 5e-7);
            }
            var pooled = doc.RootElement.GetProperty("pooled_metrics").GetProperty("vmaf");
            double[] scores = result.Frames.Select(f => f.Vmaf).ToArray();
            Assert.Equal(scores.Average(), pooled.GetProperty("mean").GetDouble(), 5e-7);
            Assert.Equal(scores.Min(), pooled.GetProperty("min").GetDouble(), 5e-7);
            Assert.Equal(scores.Max(), pooled.GetProperty("max").GetDouble(), 5e-7);
            Assert.Equal(4 / scores.Sum(s => 1 / (s + 1)) - 1, pooled.GetProperty("harmonic_mean").GetDouble(), 5e-7);
        }
        finally
        {
            File.Delete(reference);
            File.Delete(distorted);
        }
    }
}
