// libvmaf's models built into Ovni: the same bytes as libvmaf's files, the same scores, picked by size when none is set.
using System.Text.Json;

namespace Ovni.Quality.Tests;

public class BuiltInModelTests
{
    [Theory]
    [InlineData(VmafModel.DefaultVersion)]
    [InlineData(VmafModel.FourKVersion)]
    [InlineData(VmafModel.NoEnhancementGainVersion)]
    public void Each_built_in_model_is_libvmafs_file_byte_for_byte(string version)
    {
        byte[] file = File.ReadAllBytes(SharedData.ModelPath(version + ".json"));
        using Stream embedded = typeof(VmafModel).Assembly.GetManifestResourceStream($"Ovni.Quality.Models.{version}.json")!;
        using var bytes = new MemoryStream();
        embedded.CopyTo(bytes);
        Assert.Equal(file, bytes.ToArray());
        VmafModel model = VmafModel.BuiltIn(version);
        Assert.True(model.IsBuiltIn);
        Assert.Null(model.FilePath);
        Assert.Equal(version, model.Name);
        Assert.Same(model, VmafModel.BuiltIn(version)); // parsed once
    }

    [Fact]
    public void The_4K_model_is_picked_above_2560x1440_and_names_resolve_like_libvmafs_tool()
    {
        Assert.Equal(VmafModel.DefaultVersion, VmafModel.ForResolution(1920, 1080).Name);
        Assert.Equal(VmafModel.DefaultVersion, VmafModel.ForResolution(2560, 1440).Name);
        Assert.Equal(VmafModel.FourKVersion, VmafModel.ForResolution(3840, 2160).Name);
        Assert.Equal(VmafModel.FourKVersion, VmafModel.Resolve("version=vmaf_4k_v0.6.1").Name);
        Assert.Equal(VmafModel.NoEnhancementGainVersion, VmafModel.Resolve("vmaf_v0.6.1neg").Name);
        string path = SharedData.ModelPath("vmaf_v0.6.1.json");
        Assert.Equal(path, VmafModel.Resolve("path=" + path).FilePath);
        var e = Assert.Throws<VmafModelException>(() => VmafModel.BuiltIn("vmaf_v9"));
        Assert.Contains("vmaf_v0.6.1neg", e.Message);
    }

    [Theory]
    [InlineData(VmafModel.DefaultVersion, "city_404p25__x264_crf35")]
    [InlineData(VmafModel.NoEnhancementGainVersion, "city_404p25__x264_crf35")]
    public async Task Built_in_and_file_models_give_identical_scores(string version, string name)
    {
        DatasetCase c = DatasetCase.Load(name);
        string distorted = Path.Combine(c.Directory, "dist.mp4");
        CancellationToken ct = TestContext.Current.CancellationToken;
        QualityResult fromFile = await QualityScorer.ScoreFilesAsync(c.ReferencePath, distorted,
            new QualityOptions { Model = VmafModel.Load(SharedData.ModelPath(version + ".json")), Metrics = QualityMetrics.Vmaf }, cancellationToken: ct);
        QualityResult builtIn = await QualityScorer.ScoreFilesAsync(c.ReferencePath, distorted,
            new QualityOptions { Model = VmafModel.BuiltIn(version), Metrics = QualityMetrics.Vmaf }, cancellationToken: ct);
        Assert.Equal(fromFile.Frames.Select(f => f.Vmaf), builtIn.Frames.Select(f => f.Vmaf));
        Assert.Equal(version, builtIn.Model?.Name);
    }

    [Fact]
    public async Task Default_options_score_VMAF_with_the_built_in_model_as_libvmaf_does()
    {
        DatasetCase c = DatasetCase.Load("city_404p25__x264_crf23");
        QualityResult result = await QualityScorer.ScoreFilesAsync(c.ReferencePath, Path.Combine(c.Directory, "dist.mp4"), new QualityOptions(),
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(VmafModel.DefaultVersion, result.Model?.Name);
        using JsonDocument libvmaf = c.LoadLibvmafJson(); // made by libvmaf with version=vmaf_v0.6.1
        JsonElement frames = libvmaf.RootElement.GetProperty("frames");
        Assert.Equal(frames.GetArrayLength(), result.Frames.Count);
        for (int i = 0; i < result.Frames.Count; i++)
            Assert.Equal(frames[i].GetProperty("metrics").GetProperty("vmaf").GetDouble(), result.Frames[i].Vmaf, 0.001);
    }
}
