namespace Ovni.IO;

/// <summary>What a report file holds; <see cref="ReportFile"/> replaces an existing file only when it holds the same kind.</summary>
internal enum ReportFileKind
{
    /// <summary>UTF-8 text (a log); it may replace text or JSON.</summary>
    Text,

    /// <summary>A JSON document; it may replace only JSON.</summary>
    Json,

    /// <summary>A PNG image (a chart); it may replace only a PNG.</summary>
    Png,
}
