using System.Globalization;
using Ovni.Quality;

namespace Ovni.Encoding.Library;

/// <summary>
/// Checks a finished temporary output before anything is published: it decodes in full, has as many frames as were
/// encoded, lasts as long as the source (±0.5 s), carries the same audio and subtitle streams in the same languages,
/// the same attachments and chapters, the same colour tags (HDR transfer included), and — when asked — scores at least target − tolerance in VMAF.
/// Any problem fails the file; a bad output is never published.
/// </summary>
internal static class OutputVerifier
{
    internal static readonly TimeSpan DurationTolerance = TimeSpan.FromSeconds(0.5);

    /// <summary>Structural checks (decode, frames, duration, streams, colour). Returns the problems found (empty = pass).</summary>
    internal static List<string> Check(MediaInfo source, string output, long expectedFrames, CancellationToken cancellationToken, out long decodedFrames)
    {
        var problems = new List<string>();
        decodedFrames = 0;
        MediaInfo result;
        try
        {
            result = MediaReader.Probe(output);
        }
        catch (OvniException e)
        {
            problems.Add($"the output cannot be opened: {e.Message}");
            return problems;
        }
        if (result.Video is null)
        {
            problems.Add("the output has no video stream");
            return problems;
        }

        // Full decode. SEAM (issue 12, branch `safety`): when the core reports decode damage per file, fail on any
        // damage it counts here too; today a hard decoder error or a short frame count is what reveals a bad file.
        try
        {
            using MediaReader reader = MediaReader.Open(output);
            while (reader.ReadFrame() is GpuFrame frame)
            {
                frame.Dispose();
                decodedFrames++;
                if ((decodedFrames & 63) == 0) cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (OvniException e)
        {
            problems.Add($"decoding the output failed after {decodedFrames} frames: {e.Message}");
        }
        if (expectedFrames > 0 && decodedFrames != expectedFrames)
            problems.Add($"the output decodes to {decodedFrames} frames, {expectedFrames} were encoded");

        TimeSpan want = source.Duration > TimeSpan.Zero ? source.Duration : source.Video!.Duration;
        TimeSpan got = result.Duration > TimeSpan.Zero ? result.Duration : result.Video.Duration;
        if (want > TimeSpan.Zero && (got - want).Duration() > DurationTolerance)
            problems.Add($"duration {S(got)} s differs from the source's {S(want)} s by more than {S(DurationTolerance)} s");

        CompareStreams("audio", source.AudioStreams.Select(a => a.Language).ToList(), result.AudioStreams.Select(a => a.Language).ToList(), problems);
        CompareStreams("subtitle", source.SubtitleStreams.Select(a => a.Language).ToList(), result.SubtitleStreams.Select(a => a.Language).ToList(), problems);
        if (result.AttachmentCount != source.AttachmentCount)
            problems.Add($"the output has {result.AttachmentCount} attachment(s), the source {source.AttachmentCount}");
        if (result.ChapterCount != source.ChapterCount)
            problems.Add($"the output has {result.ChapterCount} chapter(s), the source {source.ChapterCount}");
        CompareColour(source.Video!.Color, result.Video.Color, problems);
        // SEAM (issue 11, branch `devex`): once the writer carries HDR10 mastering-display / content-light-level side data,
        // compare it here as well (today only the transfer, primaries and matrix tags can be seen through MediaInfo).
        return problems;
    }

    /// <summary>Measures the output's VMAF against the source (mean over frames).</summary>
    internal static async Task<double> MeasureVmafAsync(string source, string output, VmafModel model, int threads, CancellationToken cancellationToken)
    {
        var options = new QualityOptions { Model = model, Metrics = QualityMetrics.Vmaf, Threads = Math.Max(1, threads) };
        QualityResult result = await QualityScorer.ScoreFilesAsync(source, output, options, cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.Vmaf.Mean;
    }

    private static void CompareStreams(string kind, List<string?> want, List<string?> got, List<string> problems)
    {
        if (want.Count != got.Count)
        {
            problems.Add($"the output has {got.Count} {kind} stream(s), the source {want.Count}");
            return;
        }
        for (int i = 0; i < want.Count; i++)
            if (!string.Equals(Norm(want[i]), Norm(got[i]), StringComparison.OrdinalIgnoreCase))
                problems.Add($"{kind} stream {i + 1} is '{got[i] ?? "und"}' in the output, '{want[i] ?? "und"}' in the source");
    }

    private static string Norm(string? language) => string.IsNullOrEmpty(language) ? "und" : language;

    private static void CompareColour(ColorInfo want, ColorInfo got, List<string> problems)
    {
        const int Unspecified = 2;
        if (want.Range != ColorRange.Unspecified && got.Range != want.Range) problems.Add($"colour range {got.Range} instead of {want.Range}");
        if (want.Primaries != Unspecified && got.Primaries != want.Primaries) problems.Add($"colour primaries {got.PrimariesName} instead of {want.PrimariesName}");
        if (want.Transfer != Unspecified && got.Transfer != want.Transfer) problems.Add($"transfer {got.TransferName} instead of {want.TransferName}{(want.IsHdr ? " (HDR lost)" : "")}");
        if (want.Matrix != Unspecified && got.Matrix != want.Matrix) problems.Add($"colour matrix {got.MatrixName} instead of {want.MatrixName}");
    }

    private static string S(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
