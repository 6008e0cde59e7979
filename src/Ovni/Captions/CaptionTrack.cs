using System.Text;
using Ovni.Interop;
using Ovni.Interop.Libass;

namespace Ovni.Captions;

/// <summary>
/// A subtitle script ready for libass: an ASS/SSA file as written, or an SRT file converted to ASS with a
/// <see cref="CaptionStyle"/>. Immutable; one track can feed several <see cref="CaptionRenderer"/>s.
/// </summary>
public sealed unsafe class CaptionTrack
{
    private CaptionTrack(string script, CaptionFormat format, int eventCount, string? path)
    {
        Script = script;
        Format = format;
        EventCount = eventCount;
        SourcePath = path;
    }

    /// <summary>The ASS script libass renders.</summary>
    public string Script { get; }

    /// <summary>The format the track was read from.</summary>
    internal CaptionFormat Format { get; }

    /// <summary>Number of dialogue events libass parsed.</summary>
    public int EventCount { get; }

    /// <summary>The file the track came from, if any.</summary>
    public string? SourcePath { get; }

    /// <summary>
    /// Reads an .ass/.ssa/.srt file (UTF-8 or UTF-16 with BOM). The format is recognised from the content,
    /// not the extension. <paramref name="srtStyle"/> styles SRT captions.
    /// </summary>
    /// <exception cref="OvniException">The file is missing, or is neither ASS/SSA nor SRT, or libass cannot parse it.</exception>
    public static CaptionTrack Load(string path, CaptionStyle? srtStyle = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new OvniException($"Caption file not found: '{path}'.") { FilePath = path };
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OvniException($"Reading caption file '{path}' failed: {e.Message}", e) { FilePath = path };
        }
        CaptionTrack track = Parse(text, srtStyle, path);
        IO.InputRegistry.Remember(path, track); // a writer must not replace the caption file while the track is in use
        return track;
    }

    /// <summary>A track from ASS/SSA or SRT text held in memory.</summary>
    /// <exception cref="OvniException">The text is neither ASS/SSA nor SRT.</exception>
    public static CaptionTrack Parse(string text, CaptionStyle? srtStyle = null) => Parse(text, srtStyle, null);

    private static CaptionTrack Parse(string text, CaptionStyle? srtStyle, string? path)
    {
        ArgumentNullException.ThrowIfNull(text);
        string where = path is null ? "The caption text" : $"'{path}'";
        if (text.Contains("[Script Info]", StringComparison.OrdinalIgnoreCase))
            return new CaptionTrack(text, CaptionFormat.Ass, CountEvents(text, where, path), path);

        var cues = SrtConverter.Parse(text);
        if (cues.Count == 0)
            throw new OvniException($"{where} is neither an ASS/SSA script (no [Script Info] section) nor SubRip captions (no 'hh:mm:ss,mmm --> hh:mm:ss,mmm' cue).") { FilePath = path };
        string script = SrtConverter.ToAss(cues, srtStyle ?? new CaptionStyle());
        return new CaptionTrack(script, CaptionFormat.Srt, CountEvents(script, where, path), path);
    }

    /// <summary>Lets libass parse the script once, so a broken file fails at load time rather than mid-render.</summary>
    private static int CountEvents(string script, string where, string? path)
    {
        void* library = LibassRuntime.CreateLibrary();
        try
        {
            void* track = ReadTrack(library, script);
            if (track == null) throw new OvniException($"libass could not parse {where} as an ASS/SSA script.") { FilePath = path };
            int count = LibassApi.EventCount(track);
            LibassApi.ass_free_track(track);
            return count;
        }
        finally
        {
            LibassApi.ass_library_done(library);
        }
    }

    /// <summary>A new ASS_Track of <paramref name="library"/> holding this script; null when libass rejects it.</summary>
    internal void* CreateNativeTrack(void* library) => ReadTrack(library, Script);

    private static void* ReadTrack(void* library, string script)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(script);
        fixed (byte* p = utf8) return LibassApi.ass_read_memory(library, p, (nuint)utf8.Length, null);
    }
}
