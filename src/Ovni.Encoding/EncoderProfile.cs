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
        // Its samples run on as one stream even where frames repeat: started from a key frame each, they scored above the same
        // frames of the full encode on the screen capture (`calibrate`, round 9: +1.41 at CRF 32, +0.46 at 26) and the static
        // camera (+0.42 at 32, +0.08 at 25); as one stream +0.07, +0.03, −0.01, −0.02, and on moving footage as before
        // (animation +0.33/+0.46, live +0.47/+0.71, HDR10 +0.12 against +0.32/+0.51, +0.48/+0.75, +0.17).
        "libx264" => new(encoder, 8, 40, 0.5, 28, 0.9) { Tuning = new SearchTuning { KeyFramePerSample = false, RepeatShareForKeyFrame = double.PositiveInfinity } },
        "libx265" => new(encoder, 8, 40, 0.5, 26, 0.9),
        // SVT-AV1 codes in mini-GOPs of 16 frames; frames after a key frame borrow its quality for longer than that: with a
        // forced key frame 16 frames before the scored ones, samples still scored above the same frames of the full encode
        // (`calibrate`, round 7: animation +0.40/+0.85, live +1.68/+1.80, HDR10 +0.46). Run on as one stream from a cut, with
        // 6 lead-in frames, they score as in the full encode on moving footage (animation −0.04…+0.02, live +0.36/+0.45,
        // static −0.07…+0.17, HDR10 +0.61/+0.66) but not where frames repeat (screen −0.62…−2.07: the cut's frame is what
        // the repeats copy), so probes whose frames mostly repeat keep a key frame and 16 lead-in frames per sample (screen
        // +0.23/+0.36, static +0.01/−0.26; mixing the two ways in one probe: static −0.35/−0.86).
        "libsvtav1" => new(encoder, 10, 60, 1, 40, 0.55) { Tuning = new SearchTuning { LeadInFrames = 16, KeyFramePerSample = false } },
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
