// Encoder settings chosen per shot: every shot probed with the base settings and a variant, the hull drawn over both, the
// shots joined whichever settings they took. x264's `tune=ssim` (no psychovisual optimisation, SSIM-driven adaptive
// quantisation) leaves the headers alone and wins VMAF on most shots, so the allocation must take it somewhere; `cabac=0`
// changes the picture parameter set, so its shots could not follow the others in one stream and must be refused early.
namespace Ovni.Encoding.Tests;

public sealed class ShotVariantTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static VmafModelCatalog Models => VmafModelCatalog.FromDirectory(Path.GetDirectoryName(TestMedia.RequireShared("vmaf/models/vmaf_v0.6.1.json"))!);

    private static ShotHullOptions Options(params EncoderVariant[] variants) => new()
    {
        TargetVmaf = 93, Encoder = "libx264", Preset = "veryfast", CoarseCrfs = [20, 26, 32], RefineRounds = 1, Variants = variants,
        Plan = new ChunkPlanOptions { MinSeconds = 0.5, MaxSeconds = 4 }, CutPoints = new KnownCutPoints(ShotInputs.Cuts), Models = Models,
    };

    private static EncoderVariant Variant(string name, string option, string value) => new(name, new Dictionary<string, string> { [option] = value });

    [Fact]
    public async Task Each_shot_takes_its_point_from_either_settings_and_the_mixed_join_is_verified()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("out.mkv");
        var ct = TestContext.Current.CancellationToken;
        ShotHullResult result = await ShotHullEncoder.EncodeAsync(source, output, Options(Variant("ssim", "tune", "ssim")), cancellationToken: ct);

        TestContext.Current.SendDiagnosticMessage("chosen: " + string.Join(", ", result.Shots.Select(s => $"{s.Chosen.Variant} CRF {s.Chosen.Crf}")) +
            $"; {result.Allocation.Bytes} bytes, predicted {result.PredictedVmaf:0.000}, measured {result.MeasuredVmaf:0.000}");
        Assert.Equal(6, result.Shots.Count);
        foreach (ShotReport shot in result.Shots)
            foreach (string variant in new[] { EncoderVariant.BaseName, "ssim" })
                Assert.Equal([20.0, 26, 32], shot.Probes.Where(p => p.Variant == variant).Select(p => p.Crf).Intersect([20.0, 26, 32]).Order());
        Assert.All(result.Shots, s => Assert.Contains(s.Chosen, s.Hull));
        // The variant is really encoded differently (not the base settings under another name) and the allocation uses it.
        Assert.All(result.Shots, s => Assert.NotEqual(s.Probes.First(p => p.Variant == "ssim" && p.Crf == 26).Bytes, s.Probes.First(p => p.Variant == EncoderVariant.BaseName && p.Crf == 26).Bytes));
        Assert.Contains(result.Shots, s => s.Chosen.Variant == "ssim");
        // And the footage keeps some shots on the base settings (measured: 2 of 6), so the join mixes the two.
        Assert.Contains(result.Shots, s => s.Chosen.Variant == EncoderVariant.BaseName);
        // Over the same probes, the base settings alone need more bytes for the target.
        HullAllocation baseOnly = ShotHull.ForTarget(result.Shots.Select(s => (IReadOnlyList<ShotPoint>)s.Probes.Where(p => p.Variant == EncoderVariant.BaseName).ToArray()).ToList(), 93, 87);
        Assert.True(result.Allocation.Bytes < baseOnly.Bytes, $"with the variant {result.Allocation.Bytes} bytes, base settings alone {baseOnly.Bytes}");

        Assert.True(result.MeasuredVmaf >= 93 - 0.25 && Math.Abs(result.MeasuredVmaf - result.PredictedVmaf) < 1.0,
            $"measured {result.MeasuredVmaf:0.000}, predicted {result.PredictedVmaf:0.000}");
        long chosen = result.Shots.Sum(s => s.Chosen.Bytes);
        Assert.InRange(result.OutputBytes, chosen * 0.9, chosen * 1.05);
        VideoTimeline timeline = VideoTimeline.Read(source, ct);
        Assert.True(timeline.Matches(VideoTimeline.Read(output, ct), out string? why), why);
        Assert.Equal([output], Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task The_recommended_svt_av1_settings_are_probed_on_every_shot_and_their_shots_join()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("out.mkv");
        var ct = TestContext.Current.CancellationToken;
        IReadOnlyList<EncoderVariant> recommended = EncoderVariant.Recommended("libsvtav1");
        ShotHullOptions options = Options([.. recommended]) with { Encoder = "libsvtav1", Preset = "12", CoarseCrfs = [30, 38, 46] };
        // The header check runs first: a recommended setting that changed SVT-AV1's sequence header would throw here.
        ShotHullResult result = await ShotHullEncoder.EncodeAsync(source, output, options, cancellationToken: ct);

        TestContext.Current.SendDiagnosticMessage("chosen: " + string.Join(", ", result.Shots.Select(s => $"{s.Chosen.Variant} CRF {s.Chosen.Crf}")) +
            $"; measured {result.MeasuredVmaf:0.000}");
        string[] names = [EncoderVariant.BaseName, .. recommended.Select(v => v.Name)];
        foreach (ShotReport shot in result.Shots)
        {
            foreach (string name in names)
                Assert.Equal([30.0, 38, 46], shot.Probes.Where(p => p.Variant == name).Select(p => p.Crf).Intersect([30.0, 38, 46]).Order());
            // Each setting codes the shot differently (none is the defaults under another name).
            Assert.Equal(names.Length, shot.Probes.Where(p => p.Crf == 38).Select(p => p.Bytes).Distinct().Count());
        }
        Assert.True(result.MeasuredVmaf >= 93 - 0.25, $"measured {result.MeasuredVmaf:0.000}");
        Assert.True(VideoTimeline.Read(source, ct).Matches(VideoTimeline.Read(output, ct), out string? why), why);
        Assert.Equal([output], Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task A_variant_whose_headers_differ_is_refused_after_the_shortest_shot_and_leaves_nothing()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("out.mkv");
        var phases = new List<string>();
        var progress = new SynchronousProgress<TargetQualityProgress>(p => { if (p.Phase == "probe") lock (phases) phases.Add(p.Message); });
        var e = await Assert.ThrowsAsync<OvniException>(() => ShotHullEncoder.EncodeAsync(source, output,
            Options(Variant("nocabac", "x264-params", "cabac=0")), progress, TestContext.Current.CancellationToken));
        Assert.Contains("'nocabac'", e.Message);
        Assert.Contains("codec headers", e.Message);
        Assert.Equal(source, e.FilePath);
        // Only the shortest shot was probed (3 CRFs, both settings), not the other five.
        Assert.Equal(6, phases.Count);
        Assert.All(phases, m => Assert.StartsWith("coarse, shortest shot:", m));
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task Bad_variants_are_refused_before_any_work()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("out.mkv");
        var ct = TestContext.Current.CancellationToken;
        foreach (EncoderVariant[] bad in new EncoderVariant[][]
                 {
                     [Variant(EncoderVariant.BaseName, "tune", "ssim")],
                     [Variant("two words", "tune", "ssim")],
                     [Variant("a", "tune", "ssim"), Variant("A", "tune", "film")],
                     new[] { new EncoderVariant("empty", new Dictionary<string, string>()) },
                 })
        {
            var e = await Assert.ThrowsAsync<OvniException>(() => ShotHullEncoder.EncodeAsync(source, output, Options(bad), cancellationToken: ct));
            Assert.Equal(source, e.FilePath);
        }
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void Variants_parse_from_the_command_line_and_merge_parameter_lists_with_the_base()
    {
        IReadOnlyList<EncoderVariant> parsed = EncoderVariant.Parse(["notf:svtav1-params=enable-tf=0", "tuned:svtav1-params=tune=0", "notf:preset=8"]);
        Assert.Equal(["notf", "tuned"], parsed.Select(v => v.Name));
        Assert.Equal("enable-tf=0", parsed[0].Options["svtav1-params"]);
        Assert.Equal("8", parsed[0].Options["preset"]);
        Assert.Throws<OvniException>(() => EncoderVariant.Parse(["notf"]));
        Assert.Throws<OvniException>(() => EncoderVariant.Parse([":tune=ssim"]));
        Assert.Throws<OvniException>(() => EncoderVariant.Parse(["a:=1"]));

        // "recommended" stands for the encoder's measured settings, beside any named ones; an encoder with none refuses it.
        IReadOnlyList<EncoderVariant> withRecommended = EncoderVariant.Parse(["recommended", "hl5:svtav1-params=hierarchical-levels=5"], "libsvtav1");
        Assert.Equal(["tune0", "notf", "hl5"], withRecommended.Select(v => v.Name));
        Assert.Equal("tune=0", withRecommended[0].Options["svtav1-params"]);
        Assert.Equal("enable-tf=0", withRecommended[1].Options["svtav1-params"]);
        var none = Assert.Throws<OvniException>(() => EncoderVariant.Parse(["recommended"], "libx264"));
        Assert.Contains("libx264", none.Message);
        Assert.Equal(["notf", "tuned"], EncoderVariant.Parse(["notf:svtav1-params=enable-tf=0", "tuned:svtav1-params=tune=0"], "libx264").Select(v => v.Name));

        var baseline = new VideoEncoderOptions
        {
            Encoder = "libx264",
            ExtraOptions = new Dictionary<string, string> { ["x264-params"] = "stitchable=1:aq-mode=1", ["tune"] = "film" },
        };
        VideoEncoderOptions applied = Variant("x", "x264-params", "aq-mode=3:psy=0").ApplyTo(baseline);
        // The base's stitchable headers stay, the variant's aq-mode replaces the base's; other options are kept.
        Assert.Equal("stitchable=1:aq-mode=3:psy=0", applied.ExtraOptions!["x264-params"]);
        Assert.Equal("film", applied.ExtraOptions["tune"]);
        Assert.Equal("ssim", Variant("y", "tune", "ssim").ApplyTo(baseline).ExtraOptions!["tune"]);
        Assert.Equal("stitchable=1:aq-mode=1", baseline.ExtraOptions["x264-params"]);

        // The stitchable headers go the other way: appended to the user's list, the user's own value for the key kept.
        VideoEncoderOptions Stitch(string? user) => StitchableHeaders.Apply(new VideoEncoderOptions
        {
            Encoder = "libx264", ExtraOptions = user is null ? null : new Dictionary<string, string> { ["x264-params"] = user },
        });
        Assert.Equal("stitchable=1", Stitch(null).ExtraOptions!["x264-params"]);
        Assert.Equal("aq-mode=2:stitchable=1", Stitch("aq-mode=2").ExtraOptions!["x264-params"]);
        Assert.Equal("stitchable=0:aq-mode=2", Stitch("stitchable=0:aq-mode=2").ExtraOptions!["x264-params"]);
    }
}
