// Charts and JSON reports are asked for by path, often typed by hand next to the media they describe, so a slip
// ("--json movie.mkv", "--plot out.mp4") used to overwrite a source or the output just published. Media outputs were
// already guarded (SourceGuard, TemporaryOutputFile); these small files now get the same promises.

namespace Ovni.IO;

/// <summary>
/// Writes the small files that go with a job (a chart, a JSON report, a log) the way Ovni writes its media: never over
/// one of the job's files, never over a file of another kind, and whole or not at all. Public as
/// <see cref="MediaWriter.WriteReport"/> and <see cref="MediaWriter.EnsureReportWritable"/>.
/// </summary>
internal static class ReportFile
{
    private const int SniffBytes = 4096;
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Throws what <see cref="Write"/> would throw before it writes anything: call it before a long job, so that a report
    /// path that cannot be used is refused at the start rather than after hours of work.
    /// </summary>
    /// <param name="path">Where the report goes.</param>
    /// <param name="kind">What it will hold; null when not known yet (then only a file that holds no report of any kind is refused).</param>
    /// <param name="jobFiles">The job's inputs and outputs (null entries are skipped); the report may be none of them.</param>
    /// <exception cref="OvniException">
    /// The path is one of <paramref name="jobFiles"/> (by file identity: links count), a file this process is reading, a
    /// folder, in a folder that does not exist, or an existing file of another kind (a video where a chart would go).
    /// </exception>
    public static void EnsureWritable(string path, ReportFileKind? kind, params ReadOnlySpan<string?> jobFiles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new OvniException($"Cannot write the {Describe(kind)} '{path}': it is a folder. Give a file name.") { FilePath = path };
        // As for media outputs: a mistyped folder is the user's to see, not one to create.
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new OvniException($"Cannot write the {Describe(kind)} '{path}': the folder '{folder}' does not exist.") { FilePath = path };
        FileIdentity? target = FileIdentity.Of(full);
        foreach (string? file in jobFiles)
        {
            if (file is null || !MediaPath.IsLocalFile(file)) continue;
            string local = MediaPath.LocalPath(file);
            // By path too: two reports of one job asked for at one new name have no identity yet.
            if (string.Equals(Path.GetFullPath(local), full, StringComparison.Ordinal) || (target is not null && FileIdentity.Of(local) == target))
                throw new OvniException($"Cannot write the {Describe(kind)} '{path}': it is '{file}', another file of this job{How(local, full)}. Ovni never writes a report over a job's input, output or other report; choose another name.") { FilePath = path };
        }
        if (target is null) return;
        if (InputRegistry.FindInput(target.Value) is string input)
            throw new OvniException($"Cannot write the {Describe(kind)} '{path}': it is '{input}', an input this process is reading{How(input, full)}. Choose another name.") { FilePath = path };
        if (Found(full, path) is string found && !CanReplace(kind, found))
            throw new OvniException($"Cannot write the {Describe(kind)} '{path}': a file is there that is not a {Describe(kind)} (it holds {found}), and Ovni replaces only a file of the kind it writes. Choose another name, or remove that file yourself.") { FilePath = path };
    }

    /// <summary>
    /// Writes a report: checked as <see cref="EnsureWritable"/> checks it, written to a hidden file in the same folder,
    /// flushed, then renamed over <paramref name="path"/>. A failure or a crash leaves the old file (or none), never half of one.
    /// </summary>
    /// <param name="path">Where the report goes; its folder must exist.</param>
    /// <param name="kind">What <paramref name="write"/> writes.</param>
    /// <param name="write">Writes the content to the stream it is given (left open; the caller's writer may flush and close its own wrapper).</param>
    /// <param name="jobFiles">The job's inputs and outputs; the report may be none of them.</param>
    /// <exception cref="OvniException">As <see cref="EnsureWritable"/>, or the file cannot be written (the message names it and the cause).</exception>
    public static void Write(string path, ReportFileKind kind, Action<Stream> write, params ReadOnlySpan<string?> jobFiles)
    {
        ArgumentNullException.ThrowIfNull(write);
        EnsureWritable(path, kind, jobFiles);
        string full = Path.GetFullPath(path);
        string? hidden = null;
        try
        {
            hidden = Path.Combine(Path.GetDirectoryName(full)!, TemporaryOutputFile.HiddenName(full));
            using (var stream = new FileStream(hidden, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            // The last moment something could have appeared at the path: check again, then replace in one rename.
            EnsureWritable(path, kind, jobFiles);
            File.Move(hidden, full, overwrite: true);
            hidden = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OvniException($"Cannot write the {Describe(kind)} '{path}': {e.Message}", e) { FilePath = path };
        }
        finally
        {
            if (hidden is not null) TryDelete(hidden);
        }
    }

    /// <summary>The kind of a report's content: PNG, JSON or text; null for anything else (which is no report).</summary>
    public static ReportFileKind? KindOf(ReadOnlySpan<byte> content) => Sniff(content[..Math.Min(content.Length, SniffBytes)]) switch
    {
        Png => ReportFileKind.Png,
        Json => ReportFileKind.Json,
        Text => ReportFileKind.Text,
        _ => null,
    };

    /// <summary>What the file at <paramref name="full"/> holds, in words; null when there is none or it is empty (anything may replace it).</summary>
    private static string? Found(string full, string path)
    {
        Span<byte> head = stackalloc byte[SniffBytes];
        int read;
        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OvniException($"Cannot write '{path}': the file there cannot be read to tell what it holds ({e.Message}).", e) { FilePath = path };
        }
        return read == 0 ? null : Sniff(head[..read]);
    }

    /// <summary>"a PNG image" by its signature, "JSON" by its first character, "text" when UTF-8 without NUL, else "binary data".</summary>
    internal static string Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(PngSignature)) return Png;
        if (head.Contains((byte)0) || !IsUtf8Prefix(head)) return "binary data, such as a video";
        ReadOnlySpan<byte> text = head.StartsWith("\uFEFF"u8) ? head[3..] : head;
        text = text.TrimStart(" \t\r\n"u8);
        return !text.IsEmpty && (text[0] == (byte)'{' || text[0] == (byte)'[') ? Json : Text;
    }

    private const string Png = "a PNG image", Json = "JSON", Text = "text";

    // The head may end inside a multi-byte character: a lead byte in the last three whose sequence runs past the end is
    // left out of the check.
    private static bool IsUtf8Prefix(ReadOnlySpan<byte> head)
    {
        int end = head.Length;
        for (int i = head.Length - 1; i >= Math.Max(0, head.Length - 3); i--)
        {
            byte b = head[i];
            if ((b & 0xC0) == 0x80) continue;
            int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            if (head.Length - i < length) end = i;
            break;
        }
        return System.Text.Unicode.Utf8.IsValid(head[..end]);
    }

    // A log may replace JSON and text; JSON only JSON; a chart only a PNG; a report of a kind not yet known, any report.
    private static bool CanReplace(ReportFileKind? writing, string found) => writing switch
    {
        ReportFileKind.Png => found == Png,
        ReportFileKind.Json => found == Json,
        ReportFileKind.Text => found is Json or Text,
        _ => found is Png or Json or Text,
    };

    private static string How(string file, string full) =>
        string.Equals(Path.GetFullPath(file), full, StringComparison.Ordinal) ? "" : " under another name (same device and inode, through a link)";

    private static string Describe(ReportFileKind? kind) => kind switch
    {
        ReportFileKind.Png => "PNG chart",
        ReportFileKind.Json => "JSON report",
        ReportFileKind.Text => "text file",
        _ => "report",
    };

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the sweeper's, on the next run in this folder */ }
    }
}
