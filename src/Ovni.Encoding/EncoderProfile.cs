// What the search needs to know about an encoder: its usual CRF range, the CRF steps worth telling apart, a first guess
// for a target, and how steeply VMAF falls per CRF step (for the second probe before there is a slope to measure).
using System.Globalization;

namespace Ovni.Encoding;

internal sealed record EncoderProfile(string Encoder, double MinCrf, double MaxCrf, double Step, double CrfAt90, double VmafPerCrf)
{
    /// <summary>How a search for this encoder spends its time.</summary>
    internal SearchTuning Tuning { get; init; } = new();

    internal static EncoderProfile For(string encoder) => encoder switch
    {
        // x264: CRF 23 (its default) is near VMAF 95 on high-quality 720p-1080p sources, so 28 near 90; measured answers on
        // the test set of benchmarks/tq-inputs.sh were 26.5-31.5 at 90 and 22.5-23 at 95 (a first probe 25 cost a third probe).
        "libx264" => new(encoder, 8, 40, 0.5, 28, 0.9),
        "libx265" => new(encoder, 8, 40, 0.5, 26, 0.9),
        // SVT-AV1 codes in mini-GOPs of 16 frames (its packets: a base-layer frame every 16th); a sample's scored frames
        // must sit past the first mini-GOP after the sample's own key frame, or they borrow its quality (`calibrate` on the
        // static input at CRF 45: lead-in 6 frames scored 1.81 above the same frames of the full encode, 16 frames −0.26).
        "libsvtav1" => new(encoder, 10, 60, 1, 40, 0.55) { Tuning = new SearchTuning { LeadInFrames = 16 } },
        "libaom-av1" => new(encoder, 10, 60, 1, 38, 0.55),
        "hevc_nvenc" or "h264_nvenc" or "av1_nvenc" => new(encoder, 10, 45, 1, 28, 0.8),
        "libvpx-vp9" => new(encoder, 10, 60, 1, 38, 0.5),
        _ => new(encoder, 10, 45, 1, 28, 0.8),
    };

    internal double Snap(double crf) => Math.Clamp(Math.Round(crf / Step) * Step, MinCrf, MaxCrf);

    internal double Guess(double target) => Snap(CrfAt90 - (target - 90) / VmafPerCrf);

    /// <summary>The encoder options that set this CRF (fractional where the encoder takes it).</summary>
    internal void Apply(double crf, Dictionary<string, string> options)
    {
        string value = crf.ToString(Step < 1 ? "0.##" : "0", CultureInfo.InvariantCulture);
        if (Encoder.EndsWith("_nvenc", StringComparison.Ordinal))
        {
            options["rc"] = "vbr";
            options["cq"] = value;
            options["b"] = "0";
        }
        else
        {
            options["crf"] = value;
            if (Encoder == "libvpx-vp9" || Encoder == "libaom-av1") options["b"] = "0";
        }
    }
}
