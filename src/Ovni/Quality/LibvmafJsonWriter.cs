// Writes scores in the layout of libvmaf's --json output (frames[].frameNum, frames[].metrics, pooled_metrics)
// with libvmaf's metric names and 6-decimal numbers, so tools that read libvmaf's files read ours; how frames were
// paired goes in one extra top-level object ("alignment") that such tools skip.
using System.Globalization;
using System.Text.Json;

namespace Ovni.Quality;

/// <summary>Writes a <see cref="QualityResult"/> as libvmaf-compatible JSON.</summary>
internal static class LibvmafJsonWriter
{
    /// <summary>Writes the JSON to a stream.</summary>
    /// <param name="result">Scores to write.</param>
    /// <param name="stream">Destination; left open.</param>
    /// <param name="fps">Scoring speed to record in the <c>fps</c> field (libvmaf writes its own speed there).</param>
    public static void Write(QualityResult result, Stream stream, double fps = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("version", "ovni-" + (typeof(LibvmafJsonWriter).Assembly.GetName().Version?.ToString(3) ?? "0"));
        json.WritePropertyName("fps");
        WriteNumber(json, fps, 2);
        json.WriteStartArray("frames");
        foreach (var frame in result.Frames)
        {
            json.WriteStartObject();
            json.WriteNumber("frameNum", frame.FrameNumber);
            json.WriteStartObject("metrics");
            foreach (var (name, get) in QualityMetricNames.All)
            {
                double value = get(frame);
                if (double.IsNaN(value)) continue;
                json.WritePropertyName(name);
                WriteNumber(json, value, 6);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("pooled_metrics");
        foreach (var (name, _) in QualityMetricNames.All)
        {
            if (!result.Pooled.TryGetValue(name, out var pooled)) continue;
            json.WriteStartObject(name);
            json.WritePropertyName("min"); WriteNumber(json, pooled.Min, 6);
            json.WritePropertyName("max"); WriteNumber(json, pooled.Max, 6);
            json.WritePropertyName("mean"); WriteNumber(json, pooled.Mean, 6);
            json.WritePropertyName("harmonic_mean"); WriteNumber(json, pooled.HarmonicMean, 6);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteStartObject("aggregate_metrics");
        json.WriteEndObject();
        if (result.Alignment is { } alignment) WriteAlignment(json, alignment);
        json.WriteEndObject();
    }

    /// <summary>Writes the JSON to a file, whole or not at all, never over a file this process reads or one of another kind.</summary>
    /// <exception cref="OvniException">The file cannot be written, or it may not be (see <see cref="IO.ReportFile"/>).</exception>
    public static void Write(QualityResult result, string path, double fps = 0) =>
        IO.ReportFile.Write(path, IO.ReportFileKind.Json, stream => Write(result, stream, fps));

    // An extra top-level object: readers of libvmaf's layout look up frames and pooled_metrics by name and skip it.
    private static void WriteAlignment(Utf8JsonWriter json, AlignmentReport alignment)
    {
        json.WriteStartObject("alignment");
        json.WriteString("mode", alignment.Mode.ToString().ToLowerInvariant());
        json.WriteNumber("paired_frames", alignment.PairedFrames);
        json.WriteNumber("repeated_frames", alignment.RepeatedFrames);
        json.WriteNumber("dropped_frames", alignment.DroppedFrames);
        json.WriteNumber("unmatched_reference_frames", alignment.UnmatchedReferenceFrames);
        json.WriteNumber("unmatched_distorted_frames", alignment.UnmatchedDistortedFrames);
        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, double value, int decimals)
    {
        if (double.IsInfinity(value))
            value = value > 0 ? double.MaxValue : double.MinValue;
        json.WriteRawValue(value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), skipInputValidation: true);
    }
}
