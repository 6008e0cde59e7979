// Model loading (libvmaf JSON), its failure modes, and the SVM stage on its own: libvmaf's printed features in,
// libvmaf's printed VMAF out.
using System.Text.Json;
using Ovni.Quality;

namespace Ovni.Quality.Tests;

public sealed class VmafModelTests
{
    [Fact]
    public void Missing_model_file_throws_naming_the_file()
    {
        string path = SyntheticFrames.TempPath("missing-model.json");
        var e = Assert.Throws<VmafModelException>(() => VmafModel.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Equal(path, e.FilePath);
        Assert.IsAssignableFrom<OvniException>(e);
    }

    [Theory]
    [InlineData("{ \"model_dict\": ")]
    [InlineData("{ \"param_dict\": {} }")]
    [InlineData("{ \"model_dict\": { \"model_type\": \"RANDOMFOREST\" } }")]
    [InlineData("{ \"model_dict\": { \"model_type\": \"LIBSVMNUSVR\", \"norm_type\": \"linear_rescale\", \"feature_names\": [\"VMAF_feature_vif_score\"], \"slopes\": [1, 1], \"intercepts\": [0, 0], \"model\": \"kernel_type rbf\\ngamma 1\\nrho 0\\nSV\\n1 1:0.5\\n\" } }")]
    [InlineData("{ \"model_dict\": { \"model_type\": \"LIBSVMNUSVR\", \"norm_type\": \"linear_rescale\", \"feature_names\": [\"VMAF_integer_feature_adm2_score\"], \"slopes\": [1, 1], \"intercepts\": [0, 0], \"model\": \"kernel_type rbf\\ngamma 1\\nrho 0\\nSV\\n\" } }")]
    public void Corrupt_model_throws_naming_the_file(string json)
    {
        string path = SyntheticFrames.TempPath("corrupt-model.json");
        File.WriteAllText(path, json);
        try
        {
            var e = Assert.Throws<VmafModelException>(() => VmafModel.Load(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Shipped_models_load_with_their_options()
    {
        var standard = VmafModel.Load(SharedData.ModelPath("vmaf_v0.6.1.json"));
        Assert.Equal([VmafFeature.Adm2, VmafFeature.Motion2, VmafFeature.VifScale0, VmafFeature.VifScale1, VmafFeature.VifScale2, VmafFeature.VifScale3], standard.Features);
        Assert.True(standard.HasTransform);
        Assert.False(standard.TransformEnabledByDefault);
        Assert.Equal((0.0, 100.0), standard.ScoreClip);
        Assert.Equal(100.0, standard.VifEnhancementGainLimit);

        var negative = VmafModel.Load(SharedData.ModelPath("vmaf_v0.6.1neg.json"));
        Assert.Equal(1.0, negative.VifEnhancementGainLimit);
        Assert.Equal(1.0, negative.AdmEnhancementGainLimit);

        var uhd = VmafModel.Load(SharedData.ModelPath("vmaf_4k_v0.6.1.json"));
        Assert.False(uhd.HasTransform);
    }

    [Fact]
    public void Prediction_from_libvmaf_features_reproduces_libvmaf_scores()
    {
        var model = VmafModel.Load(SharedData.ModelPath("vmaf_v0.6.1.json"));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.RequireVmaf(), "dataset", "city_404p25__x264_crf45", "vmaf.json")));
        int checkedFrames = 0;
        foreach (var frame in doc.RootElement.GetProperty("frames").EnumerateArray())
        {
            var m = frame.GetProperty("metrics");
            double[] features =
            [
                m.GetProperty("integer_adm2").GetDouble(), m.GetProperty("integer_motion2").GetDouble(),
                m.GetProperty("integer_vif_scale0").GetDouble(), m.GetProperty("integer_vif_scale1").GetDouble(),
                m.GetProperty("integer_vif_scale2").GetDouble(), m.GetProperty("integer_vif_scale3").GetDouble(),
            ];
            // features are printed with 6 decimals, so the score can only be reproduced to ~1e-4 (ALGORITHM.md §6)
            Assert.Equal(m.GetProperty("vmaf").GetDouble(), model.Predict(features), 0.0005);
            Assert.Equal(m.GetProperty("vmaf_transform").GetDouble(), model.Predict(features, enableTransform: true), 0.0005);
            checkedFrames++;
        }
        Assert.Equal(75, checkedFrames);
    }

    [Fact]
    public void Clip_option_bounds_the_score()
    {
        var model = VmafModel.Load(SharedData.ModelPath("vmaf_v0.6.1.json"));
        double[] perfect = [1.0, 20.0, 1.0, 1.0, 1.0, 1.0];
        Assert.Equal(100.0, model.Predict(perfect, clip: true));
        Assert.True(model.Predict(perfect, clip: false) > 100.0);
    }
}
