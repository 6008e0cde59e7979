// Why: text is drawn with the libass binding the captions use, so titles get the same shaping, outline and shadow
// rasteriser and the same compositing (CaptionCompositor: the alpha-mask kernel or its CPU twin, masks uploaded once
// per change on a GPU). A title is a one-event ASS script in frame pixels; its text, position and opacity are override
// tags, so an animated title is a new script only when one of them changes, and an unchanged one reuses the layer.
using System.Globalization;
using System.Text;
using Ovni.Captions;
using Ovni.Interop;
using Ovni.Interop.Fontconfig;
using Ovni.Interop.Libass;

namespace Ovni.Operations;

/// <summary>Renders one <see cref="TextStyle"/> for one frame size with libass. Not thread-safe: one per stream.</summary>
internal sealed unsafe class TextRenderer : IDisposable
{
    private const double MaxSize = 4096, MaxDecoration = 1024;
    private static readonly string[] s_genericFamilies = ["sans-serif", "sans", "serif", "monospace", "mono", "system-ui", "cursive", "fantasy", "emoji"];
    private static readonly IReadOnlyList<CaptionBitmap> s_nothing = [];

    private readonly string _header;
    private void* _library;
    private void* _renderer;
    private (string Text, double X, double Y, int Alpha) _last;
    private CaptionFrame _frame = new(TimeSpan.Zero, true, s_nothing, 0);
    private long _version;

    /// <summary>Prepares libass for <paramref name="style"/> on <paramref name="width"/>x<paramref name="height"/> frames.</summary>
    /// <exception cref="FrameOperationException">The style is not usable (see <see cref="Validate"/>).</exception>
    /// <exception cref="OvniException">libass is missing.</exception>
    public TextRenderer(TextStyle style, int width, int height)
    {
        bool file = Validate(style);
        Style = style;
        Width = width;
        Height = height;
        _header = Header(style, width, height, file);
        _library = LibassRuntime.CreateLibrary();
        try
        {
            _renderer = LibassApi.ass_renderer_init(_library);
            if (_renderer == null) throw new OvniException("ass_renderer_init failed (libass was built without a font rasteriser?).");
            LibassApi.ass_set_frame_size(_renderer, width, height);
            LibassApi.ass_set_storage_size(_renderer, width, height);
            if (file)
            {
                // Only this file: no system provider, so every glyph comes from it.
                byte[] path = Utf8.ToNullTerminated(Path.GetFullPath(style.Font));
                fixed (byte* p = path) LibassApi.ass_set_fonts(_renderer, p, null, 0, null, 1);
            }
            else
            {
                byte[] family = Utf8.ToNullTerminated(style.Font);
                fixed (byte* f = family) LibassApi.ass_set_fonts(_renderer, null, f, LibassApi.FontProviderAutodetect, null, 1);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public TextStyle Style { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>
    /// Throws unless <paramref name="style"/> can be drawn: a finite size in (0, 4096], outline and shadow in [0, 1024],
    /// an anchor 1..9, and a font that exists (a file, or a family fontconfig lists). Returns whether the font is a file.
    /// </summary>
    /// <exception cref="FrameOperationException">The style is not usable.</exception>
    public static bool Validate(TextStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        if (!double.IsFinite(style.Size) || style.Size <= 0 || style.Size > MaxSize)
            throw new FrameOperationException($"DrawText: font size {style.Size} must be above 0 and at most {MaxSize} pixels.");
        if (!double.IsFinite(style.Outline) || style.Outline < 0 || style.Outline > MaxDecoration ||
            !double.IsFinite(style.Shadow) || style.Shadow < 0 || style.Shadow > MaxDecoration)
            throw new FrameOperationException($"DrawText: outline {style.Outline} and shadow {style.Shadow} must be 0..{MaxDecoration} pixels.");
        if (style.Anchor is < 1 or > 9)
            throw new FrameOperationException($"DrawText: anchor {style.Anchor} is not a keypad position 1..9 (7 top-left, 5 centre, 2 bottom centre).");
        string font = style.Font;
        if (string.IsNullOrWhiteSpace(font))
            throw new FrameOperationException("DrawText: no font given; name a family (\"DejaVu Sans\", \"sans-serif\") or a font file.");
        if (IsFile(font))
        {
            if (!File.Exists(font)) throw new FrameOperationException($"DrawText: font file '{font}' was not found.") { FilePath = font };
            return true;
        }
        if (font.Contains(',') || font.Contains('\n'))
            throw new FrameOperationException($"DrawText: '{font}' is not a font family name (no commas or line breaks).");
        if (Array.IndexOf(s_genericFamilies, font.Trim().ToLowerInvariant()) < 0 && FontconfigApi.HasFamily(font) == false)
            throw new FrameOperationException($"DrawText: font family '{font}' is not installed (fontconfig lists none; see fc-list : family), " +
                "and libass would silently draw another. Name an installed family, a generic one (sans-serif, serif, monospace) or a font file.");
        return false;
    }

    private static bool IsFile(string font) =>
        font.Contains('/') || font.Contains('\\') ||
        Path.GetExtension(font).ToLowerInvariant() is ".ttf" or ".otf" or ".ttc" or ".otc" or ".woff" or ".woff2" or ".pfb";

    /// <summary>
    /// The text's layers for one frame: <paramref name="text"/> with its anchor at (<paramref name="x"/>,
    /// <paramref name="y"/>) and every colour's alpha times <paramref name="opacity"/> (clamped to 0..1). The same
    /// arguments as the previous call give the previous result (same version), so the compositor's layer is reused.
    /// </summary>
    /// <exception cref="FrameOperationException">A font file that yields no glyphs.</exception>
    public CaptionFrame Render(string? text, double x, double y, double opacity)
    {
        ObjectDisposedException.ThrowIf(_renderer == null, this);
        text ??= "";
        opacity = Math.Clamp(Fractions.Finite(opacity), 0, 1);
        int alpha = (int)Math.Round(opacity * 255, MidpointRounding.AwayFromZero);
        x = Fractions.Finite(x);
        y = Fractions.Finite(y);
        (string, double, double, int) key = (text, x, y, alpha);
        if (key == _last && _version > 0) return new CaptionFrame(TimeSpan.Zero, false, _frame.Bitmaps, _version);
        _last = key;
        _version++;
        IReadOnlyList<CaptionBitmap> bitmaps = alpha == 0 || string.IsNullOrWhiteSpace(text) ? s_nothing : Rasterise(text, x, y, opacity);
        _frame = new CaptionFrame(TimeSpan.Zero, true, bitmaps, _version);
        return _frame;
    }

    private IReadOnlyList<CaptionBitmap> Rasterise(string text, double x, double y, double opacity)
    {
        var script = new StringBuilder(_header);
        script.Append(CultureInfo.InvariantCulture, $"Dialogue: 0,0:00:00.00,9:59:59.99,T,,0,0,0,,{{\\an{Style.Anchor}\\pos({x:0.###},{y:0.###})");
        script.Append(CultureInfo.InvariantCulture, $"\\1a&H{Transparency(Style.Color, opacity):X2}&\\3a&H{Transparency(Style.OutlineColor, opacity):X2}&\\4a&H{Transparency(Style.ShadowColor, opacity):X2}&}}");
        script.Append(Escape(text)).Append('\n');
        byte[] utf8 = Encoding.UTF8.GetBytes(script.ToString());
        void* track;
        fixed (byte* p = utf8) track = LibassApi.ass_read_memory(_library, p, (nuint)utf8.Length, null);
        if (track == null) throw new OvniException($"libass rejected the text '{text}'.");
        try
        {
            int change = 0;
            IReadOnlyList<CaptionBitmap> bitmaps = CaptionRenderer.Copy(LibassApi.ass_render_frame(_renderer, track, 0, &change));
            if (bitmaps.Count == 0 && Style.Font.Length > 0 && IsFile(Style.Font) && text.Any(c => !char.IsWhiteSpace(c)))
                throw new FrameOperationException($"DrawText: the font file '{Style.Font}' gave no glyphs for '{text}' (not a font FreeType can read?).") { FilePath = Style.Font };
            return bitmaps;
        }
        finally
        {
            LibassApi.ass_free_track(track);
        }
    }

    // ASS alpha is transparency: 0 opaque, 255 invisible.
    private static int Transparency(RgbaColor color, double opacity) => 255 - (int)Math.Round(color.A * opacity, MidpointRounding.AwayFromZero);

    // Braces would open override blocks and a backslash an escape; a line break becomes ASS's hard break.
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\': escaped.Append("\\\u2060"); break;
                case '{': escaped.Append("\\{"); break;
                case '}': escaped.Append("\\}"); break;
                case '\r': break;
                case '\n': escaped.Append("\\N"); break;
                default: escaped.Append(c); break;
            }
        }
        return escaped.ToString();
    }

    private static string Header(TextStyle style, int width, int height, bool file)
    {
        string family = file ? "Ovni" : style.Font.Trim();
        var header = new StringBuilder();
        header.Append(CultureInfo.InvariantCulture, $"[Script Info]\nScriptType: v4.00+\nPlayResX: {width}\nPlayResY: {height}\nWrapStyle: 2\nScaledBorderAndShadow: yes\n\n");
        header.Append("[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n");
        header.Append(CultureInfo.InvariantCulture,
            $"Style: T,{family},{style.Size:0.###},{Colour(style.Color)},{Colour(style.Color)},{Colour(style.OutlineColor)},{Colour(style.ShadowColor)},{(style.Bold ? -1 : 0)},0,0,0,100,100,0,0,1,{style.Outline:0.###},{style.Shadow:0.###},{style.Anchor},0,0,0,1\n\n");
        header.Append("[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");
        return header.ToString();
    }

    private static string Colour(RgbaColor c) => $"&H{255 - c.A:X2}{c.B:X2}{c.G:X2}{c.R:X2}";

    /// <summary>Frees libass's renderer and library.</summary>
    public void Dispose()
    {
        if (_renderer != null) LibassApi.ass_renderer_done(_renderer);
        if (_library != null) LibassApi.ass_library_done(_library);
        _renderer = _library = null;
    }
}
