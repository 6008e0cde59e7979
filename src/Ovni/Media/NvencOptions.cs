// Typed NVENC settings (h264_nvenc, hevc_nvenc, av1_nvenc) mapped onto the names FFmpeg's NVENC wrapper
// declares as AVOptions, so users need not remember that the constant-quality target is "cq" or
// B-frames are the codec-level "bf".
using System.Globalization;

namespace Ovni;

/// <summary>NVENC encoder settings; <see cref="ToEncoderOptions"/> turns them into <see cref="VideoEncoderOptions"/>.</summary>
internal sealed record NvencOptions
{
    /// <summary>Speed/quality preset; null leaves FFmpeg's default (p4).</summary>
    public NvencPreset? Preset { get; init; }

    /// <summary>Tuning; null leaves FFmpeg's default (hq).</summary>
    public NvencTune? Tune { get; init; }

    /// <summary>Rate-control mode; null lets the preset decide.</summary>
    public NvencRateControl? RateControl { get; init; }

    /// <summary>Constant-quality target for <see cref="NvencRateControl.Vbr"/> (0–51, lower is better; FFmpeg's <c>cq</c>).</summary>
    public double? ConstantQuality { get; init; }

    /// <summary>Quantiser for <see cref="NvencRateControl.ConstQp"/> (0–51).</summary>
    public int? Qp { get; init; }

    /// <summary>Target bit rate in bits per second (VBR/CBR).</summary>
    public long? BitRate { get; init; }

    /// <summary>Peak bit rate in bits per second (VBR).</summary>
    public long? MaxBitRate { get; init; }

    /// <summary>Spatial adaptive quantisation.</summary>
    public bool? SpatialAq { get; init; }

    /// <summary>Temporal adaptive quantisation.</summary>
    public bool? TemporalAq { get; init; }

    /// <summary>Spatial AQ strength, 1 (gentle) – 15 (aggressive).</summary>
    public int? AqStrength { get; init; }

    /// <summary>Most consecutive B-frames (0 disables them).</summary>
    public int? BFrames { get; init; }

    /// <summary>Frames of rate-control look-ahead.</summary>
    public int? Lookahead { get; init; }

    /// <summary>Maximum distance between key frames, in frames.</summary>
    public int? Gop { get; init; }

    /// <summary>The settings as FFmpeg AVOptions of the NVENC encoders (name → value).</summary>
    public IReadOnlyDictionary<string, string> ToAvOptions()
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Preset is NvencPreset preset)
        {
            if (preset is < NvencPreset.P1 or > NvencPreset.P7) throw new OvniException($"NVENC preset {(int)preset} is outside P1–P7.");
            options["preset"] = "p" + ((int)preset).ToString(invariant);
        }
        if (Tune is NvencTune tune)
        {
            options["tune"] = tune switch
            {
                NvencTune.HighQuality => "hq",
                NvencTune.LowLatency => "ll",
                NvencTune.UltraLowLatency => "ull",
                NvencTune.Lossless => "lossless",
                _ => throw new OvniException($"Unknown NVENC tune {tune}."),
            };
        }
        if (RateControl is NvencRateControl rc)
        {
            options["rc"] = rc switch
            {
                NvencRateControl.ConstQp => "constqp",
                NvencRateControl.Vbr => "vbr",
                NvencRateControl.Cbr => "cbr",
                _ => throw new OvniException($"Unknown NVENC rate control {rc}."),
            };
        }
        if (ConstantQuality is double cq)
        {
            if (cq is < 0 or > 51) throw new OvniException($"NVENC constant quality {cq} is outside 0–51.");
            options["cq"] = cq.ToString("0.###", invariant);
        }
        if (Qp is int qp)
        {
            if (qp is < 0 or > 51) throw new OvniException($"NVENC QP {qp} is outside 0–51.");
            options["qp"] = qp.ToString(invariant);
        }
        if (BitRate is long bitRate) options["b"] = bitRate.ToString(invariant);
        if (MaxBitRate is long maxRate) options["maxrate"] = maxRate.ToString(invariant);
        if (SpatialAq is bool spatial) options["spatial-aq"] = spatial ? "1" : "0";
        if (TemporalAq is bool temporal) options["temporal-aq"] = temporal ? "1" : "0";
        if (AqStrength is int strength)
        {
            if (strength is < 1 or > 15) throw new OvniException($"NVENC AQ strength {strength} is outside 1–15.");
            options["aq-strength"] = strength.ToString(invariant);
        }
        if (BFrames is int bFrames) options["bf"] = bFrames.ToString(invariant);
        if (Lookahead is int lookahead) options["rc-lookahead"] = lookahead.ToString(invariant);
        if (Gop is int gop) options["g"] = gop.ToString(invariant);
        return options;
    }

    /// <summary>Encoder settings for <paramref name="encoder"/> (h264_nvenc, hevc_nvenc or av1_nvenc) carrying these options.</summary>
    public VideoEncoderOptions ToEncoderOptions(string encoder = "h264_nvenc")
    {
        if (!NvencLibrary.IsNvencEncoder(encoder))
            throw new OvniException($"'{encoder}' is not an NVENC encoder; use h264_nvenc, hevc_nvenc or av1_nvenc.");
        return new VideoEncoderOptions { Encoder = encoder, ExtraOptions = ToAvOptions() };
    }
}
