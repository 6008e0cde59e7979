// NVENC through MediaWriter: the typed options map onto names and values FFmpeg's h264_nvenc accepts, and
// without the driver's encode library (the emulator has none) the writer says exactly what is missing.
using System.Runtime.InteropServices;
using Ovni.Devices.Cuda;
using Ovni.Interop.FFmpeg;

namespace Ovni.Cuda.Tests;

public sealed unsafe class NvencTests
{
    private static readonly NvencOptions Everything = new()
    {
        Preset = NvencPreset.P7,
        Tune = NvencTune.HighQuality,
        RateControl = NvencRateControl.Vbr,
        ConstantQuality = 23.5,
        BitRate = 8_000_000,
        MaxBitRate = 12_000_000,
        SpatialAq = true,
        TemporalAq = false,
        AqStrength = 10,
        BFrames = 3,
        Lookahead = 20,
        Gop = 120,
    };

    [Fact]
    public void Typed_options_map_to_ffmpegs_nvenc_option_names()
    {
        var expected = new Dictionary<string, string>
        {
            ["preset"] = "p7", ["tune"] = "hq", ["rc"] = "vbr", ["cq"] = "23.5", ["b"] = "8000000", ["maxrate"] = "12000000",
            ["spatial-aq"] = "1", ["temporal-aq"] = "0", ["aq-strength"] = "10", ["bf"] = "3", ["rc-lookahead"] = "20", ["g"] = "120",
        };
        Assert.Equal(expected, Everything.ToAvOptions().OrderBy(kv => kv.Key).ToDictionary());
        Assert.Empty(new NvencOptions().ToAvOptions());

        var lowLatency = new NvencOptions { Preset = NvencPreset.P1, Tune = NvencTune.UltraLowLatency, RateControl = NvencRateControl.ConstQp, Qp = 30 };
        Assert.Equal(new Dictionary<string, string> { ["preset"] = "p1", ["tune"] = "ull", ["rc"] = "constqp", ["qp"] = "30" },
            lowLatency.ToAvOptions().ToDictionary());
        Assert.Equal("lossless", new NvencOptions { Tune = NvencTune.Lossless }.ToAvOptions()["tune"]);
        Assert.Equal("cbr", new NvencOptions { RateControl = NvencRateControl.Cbr }.ToAvOptions()["rc"]);
    }

    [Theory]
    [InlineData("h264_nvenc")]
    [InlineData("hevc_nvenc")]
    public void Every_mapped_option_and_value_is_accepted_by_the_nvenc_encoder(string encoder)
    {
        _ = FFmpegRuntime.Layout;
        void* codec;
        fixed (byte* name = System.Text.Encoding.UTF8.GetBytes(encoder + "\0")) codec = FFmpegApi.avcodec_find_encoder_by_name(name);
        if (codec == null) Assert.Skip($"this FFmpeg has no {encoder}");
        void* context = FFmpegApi.avcodec_alloc_context3(codec); // private options get their defaults; nothing is loaded
        Assert.True(context != null);
        try
        {
            var variants = new[]
            {
                Everything,
                new NvencOptions { Preset = NvencPreset.P1, Tune = NvencTune.UltraLowLatency, RateControl = NvencRateControl.ConstQp, Qp = 30 },
                new NvencOptions { Tune = NvencTune.LowLatency, RateControl = NvencRateControl.Cbr },
                new NvencOptions { Tune = NvencTune.Lossless },
            };
            foreach (NvencOptions options in variants)
            {
                foreach ((string key, string value) in options.ToAvOptions())
                {
                    int result;
                    fixed (byte* k = System.Text.Encoding.UTF8.GetBytes(key + "\0"))
                    fixed (byte* v = System.Text.Encoding.UTF8.GetBytes(value + "\0"))
                        result = FFmpegApi.av_opt_set(context, k, v, 1 /* AV_OPT_SEARCH_CHILDREN */);
                    Assert.True(result >= 0, $"{encoder} rejected {key}={value}: {AvError.Describe(result)}");
                }
            }
        }
        finally
        {
            FFmpegApi.avcodec_free_context(&context);
        }
    }

    [Fact]
    public void ToEncoderOptions_names_the_encoder_and_refuses_software_encoders()
    {
        VideoEncoderOptions encoding = Everything.ToEncoderOptions("hevc_nvenc");
        Assert.Equal("hevc_nvenc", encoding.Encoder);
        Assert.Equal("p7", encoding.ExtraOptions!["preset"]);
        Assert.Throws<OvniException>(() => Everything.ToEncoderOptions("libx264"));
        Assert.Throws<OvniException>(() => new NvencOptions { Qp = 60 }.ToAvOptions());
    }

    [Fact]
    public void Without_the_nvenc_library_the_writer_names_it_before_any_work()
    {
        CudaTestEnvironment.RequireEmulator();
        if (NativeLibrary.TryLoad("libnvidia-encode.so.1", out nint handle))
        {
            NativeLibrary.Free(handle);
            Assert.Skip("libnvidia-encode.so.1 is installed here, so NVENC is not missing");
        }
        string output = Path.Combine(Path.GetTempPath(), $"ovni-nvenc-{Guid.NewGuid():N}.mp4");

        var error = Assert.Throws<OvniException>(() => MediaWriter.Create(output, Everything.ToEncoderOptions()));

        Assert.Contains("libnvidia-encode.so.1", error.Message);
        Assert.Contains("h264_nvenc", error.Message);
        Assert.Equal(output, error.FilePath);
        Assert.False(File.Exists(output));
    }
}
