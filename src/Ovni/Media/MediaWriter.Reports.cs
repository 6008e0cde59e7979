namespace Ovni;

// Charts and JSON reports are asked for by path, typed next to the media they describe; the writer's promises
// (never over a source, nothing half-written) hold for them too. The rules live in IO.ReportFile.
public sealed partial class MediaWriter
{
    /// <summary>
    /// Writes a report that goes with a job (a PNG chart, a JSON document, a UTF-8 text) under the writer's promises: refused
    /// when <paramref name="path"/> is one of <paramref name="jobFiles"/> or a file an open <see cref="MediaReader"/> reads
    /// (by file identity: links count), a folder, in a missing folder, or an existing file that holds something else (a video,
    /// or a chart where JSON goes); written to a hidden file beside it and renamed into place, so a failure leaves the old
    /// file whole.
    /// </summary>
    /// <param name="path">Where the report goes.</param>
    /// <param name="content">The report: PNG, JSON or UTF-8 text, told apart by its first bytes.</param>
    /// <param name="jobFiles">The job's inputs and outputs (null entries are skipped).</param>
    /// <exception cref="ArgumentException"><paramref name="content"/> is none of PNG, JSON or text.</exception>
    /// <exception cref="OvniException">The report may not or cannot be written; the message names it and says why.</exception>
    public static void WriteReport(string path, ReadOnlySpan<byte> content, params ReadOnlySpan<string?> jobFiles)
    {
        IO.ReportFileKind kind = IO.ReportFile.KindOf(content) ?? throw new ArgumentException("A report is a PNG image, JSON or UTF-8 text.", nameof(content));
        byte[] copy = content.ToArray();
        IO.ReportFile.Write(path, kind, stream => stream.Write(copy), jobFiles);
    }

    /// <summary>
    /// Checks now, writing nothing, what <see cref="WriteReport"/> will check, as far as it can before the content exists:
    /// call it before a long job, so that a report path that cannot be used is refused at the start, not after hours.
    /// </summary>
    /// <param name="path">Where the report will go.</param>
    /// <param name="jobFiles">The job's inputs and outputs (null entries are skipped).</param>
    /// <exception cref="OvniException">The path is a job's file, a file being read, a folder, in a missing folder, or an
    /// existing file that holds no report (a video, a database).</exception>
    public static void EnsureReportWritable(string path, params ReadOnlySpan<string?> jobFiles) => IO.ReportFile.EnsureWritable(path, null, jobFiles);
}
