// Every dataset case scored by Ovni against libvmaf 3.2.0's own output (vmaf.json): per-frame VMAF, the
// integer features, PSNR and SSIM, and the pooled VMAF, each within the tolerances the project promises.
using System.Text;
using System.Text.Json;
using Ovni.Quality;

namespace Ovni.Quality.Tests;

public sealed class LibvmafDatasetTests
{
    private const double VmafTolerance = 0.001, FeatureTolerance = 1e-5, PsnrTolerance = 0.01, SsimTolerance = 0.0005;

    // One case per reference family covering every distortion type (identity, x264, scale) and both bit depths.
    // OVNI_FULL_VMAF=1 runs all 42 cases (about 3.5 minutes in Release on 2 busy cores).
    private static readonly string[] Representative =
    [
        "city_404p25__x264_crf45", "geq10_720p24__scale_half_bilinear_up_bicubic", "gradnoise_1080p30__ident",
        "life_1080p24__x264_crf18", "mandel_720p24__x264_crf23", "testsrc2_720p30__scale_half_bilinear_up_bicubic",
    ];

    public static TheoryData<string> Cases()
    {
        bool full = Environment.GetEnvironmentVariable("OVNI_FULL_VMAF") == "1";
        var names = DatasetCase.AllNames().ToList();
        var data = new TheoryData<string>();
        if (names.Count == 0)
        {
            data.Add("(dataset absent)");
            return data;
        }
        // OVNI_VMAF_CASES=a,b picks cases by name (handy when working on one extractor)
        var picked = Environment.GetEnvironmentVariable("OVNI_VMAF_CASES")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in picked is { Length: > 0 } ? names.Where(picked.Contains) : full ? names : names.Where(Representative.Contains))
            data.Add(name);
        return data;
    }

    // SSIM is checked on its own so that its (float, non-bit-exact) agreement is reported apart from VMAF's.
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_ssim_matches_libvmaf_float_ssim(string caseName)
    {
        SharedData.RequireVmaf();
        var dataset = DatasetCase.Load(caseName);
        var result = await QualityScorer.ScoreRawFilesAsync(dataset.DecodeReference(), dataset.DecodeDistorted(), dataset.Format,
            new QualityOptions { Metrics = QualityMetrics.Ssim }, cancellationToken: TestContext.Current.CancellationToken);
        using var expected = dataset.LoadLibvmafJson();
        var failures = new StringBuilder();
        double worst = 0;
        foreach (var frame in expected.RootElement.GetProperty("frames").EnumerateArray())
        {
            int n = frame.GetProperty("frameNum").GetInt32();
            double want = frame.GetProperty("metrics").GetProperty("float_ssim").GetDouble();
            double diff = Math.Abs(result.Frames[n].Ssim - want);
            worst = Math.Max(worst, diff);
            if (!(diff <= SsimTolerance) && failures.Length < 2000)
                failures.AppendLine($"frame {n} float_ssim: ovni {result.Frames[n].Ssim:F6} libvmaf {want:F6} (diff {diff:G3})");
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"largest float_ssim deviation: {worst:G3}");
        Assert.True(failures.Length == 0, $"{caseName}: SSIM outside {SsimTolerance}\n{failures}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_matches_libvmaf(string caseName)
    {
        SharedData.RequireVmaf();
        var dataset = DatasetCase.Load(caseName);
        var model = VmafModel.Load(SharedData.ModelPath("vmaf_v0.6.1.json"));
        string refYuv = dataset.DecodeReference(), distYuv = dataset.DecodeDistorted();

        var result = await QualityScorer.ScoreRawFilesAsync(refYuv, distYuv, dataset.Format,
            new QualityOptions { Model = model, Metrics = QualityMetrics.Vmaf | QualityMetrics.Psnr },
            cancellationToken: TestContext.Current.CancellationToken);

        using var expected = dataset.LoadLibvmafJson();
        var frames = expected.RootElement.GetProperty("frames");
        Assert.Equal(dataset.Frames, result.Frames.Count);
        Assert.Equal(frames.GetArrayLength(), result.Frames.Count);

        var failures = new StringBuilder();
        var worst = new Dictionary<string, double>();
        foreach (var expectedFrame in frames.EnumerateArray())
        {
            int n = expectedFrame.GetProperty("frameNum").GetInt32();
            var metrics = expectedFrame.GetProperty("metrics");
            var actual = result.Frames[n];
            Check(n, "vmaf", metrics, actual.Vmaf, VmafTolerance);
            Check(n, "integer_adm2", metrics, actual.Adm2, FeatureTolerance);
            Check(n, "integer_motion2", metrics, actual.Motion2, FeatureTolerance);
            Check(n, "integer_vif_scale0", metrics, actual.VifScale0, FeatureTolerance);
            Check(n, "integer_vif_scale1", metrics, actual.VifScale1, FeatureTolerance);
            Check(n, "integer_vif_scale2", metrics, actual.VifScale2, FeatureTolerance);
            Check(n, "integer_vif_scale3", metrics, actual.VifScale3, FeatureTolerance);
            Check(n, "psnr_y", metrics, actual.PsnrY, PsnrTolerance);
            Check(n, "psnr_cb", metrics, actual.PsnrCb, PsnrTolerance);
            Check(n, "psnr_cr", metrics, actual.PsnrCr, PsnrTolerance);
        }
        var pooled = expected.RootElement.GetProperty("pooled_metrics").GetProperty("vmaf");
        CheckPooled("mean", pooled, result.Vmaf.Mean);
        CheckPooled("harmonic_mean", pooled, result.Vmaf.HarmonicMean);
        CheckPooled("min", pooled, result.Vmaf.Min);
        CheckPooled("max", pooled, result.Vmaf.Max);

        TestContext.Current.TestOutputHelper?.WriteLine("largest deviations: " +
            string.Join(", ", worst.Select(kv => $"{kv.Key}={kv.Value:G3}")));
        Assert.True(failures.Length == 0, $"{caseName}: values outside tolerance\n{failures}");

        void Check(int frame, string key, JsonElement metrics, double actual, double tolerance)
        {
            double want = metrics.GetProperty(key).GetDouble();
            double diff = Math.Abs(actual - want);
            worst[key] = Math.Max(worst.GetValueOrDefault(key), double.IsNaN(diff) ? double.PositiveInfinity : diff);
            if (!(diff <= tolerance) && failures.Length < 4000)
                failures.AppendLine($"frame {frame} {key}: ovni {actual:F6} libvmaf {want:F6} (diff {diff:G3} > {tolerance})");
        }

        void CheckPooled(string key, JsonElement pooledVmaf, double actual)
        {
            double want = pooledVmaf.GetProperty(key).GetDouble();
            if (!(Math.Abs(actual - want) <= VmafTolerance))
                failures.AppendLine($"pooled vmaf {key}: ovni {actual:F6} libvmaf {want:F6}");
        }
    }
}
