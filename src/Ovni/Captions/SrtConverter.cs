using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ovni.Captions;

/// <summary>
/// Turns SubRip text into an ASS script libass can render (libass reads only ASS/SSA). Cue times are
/// rounded to ASS's centiseconds; &lt;b&gt;/&lt;i&gt;/&lt;u&gt;/&lt;s&gt; and &lt;font color&gt; become override tags,
/// other tags are dropped, and line breaks become \N.
/// </summary>
internal static partial class SrtConverter
{
    /// <summary>Parses cues; an empty list when the text holds no SRT cue at all.</summary>
    internal static List<(TimeSpan Start, TimeSpan End, string Text)> Parse(string text)
    {
        var cues = new List<(TimeSpan, TimeSpan, string)>();
        string[] lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            Match m = TimeLine().Match(lines[i]);
            if (!m.Success) continue;
            TimeSpan start = Time(m, 1), end = Time(m, 5);
            var body = new List<string>();
            for (i++; i < lines.Length && lines[i].Trim().Length > 0; i++) body.Add(lines[i].TrimEnd());
            if (end > start) cues.Add((start, end, string.Join('\n', body)));
        }
        return cues;
    }

    internal static string ToAss(IReadOnlyList<(TimeSpan Start, TimeSpan End, string Text)> cues, CaptionStyle style)
    {
        var ass = new StringBuilder();
        ass.Append("[Script Info]\nScriptType: v4.00+\nWrapStyle: 0\nScaledBorderAndShadow: yes\n");
        ass.Append(CultureInfo.InvariantCulture, $"PlayResX: {style.PlayResX}\nPlayResY: {style.PlayResY}\n\n");
        ass.Append("[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n");
        ass.Append(CultureInfo.InvariantCulture,
            $"Style: Default,{style.FontFamily},{style.FontSize},{AssColor(style.TextColor)},{AssColor(style.TextColor)},{AssColor(style.OutlineColor)},{AssColor(style.ShadowColor)},{(style.Bold ? -1 : 0)},0,0,0,100,100,0,0,1,{style.Outline},{style.Shadow},2,10,10,{style.MarginVertical},1\n\n");
        ass.Append("[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");
        foreach ((TimeSpan start, TimeSpan end, string text) in cues)
            ass.Append(CultureInfo.InvariantCulture, $"Dialogue: 0,{AssTime(start)},{AssTime(end)},Default,,0,0,0,,{ConvertText(text)}\n");
        return ass.ToString();
    }

    /// <summary>ASS colours are &amp;HAABBGGRR with AA = transparency.</summary>
    internal static string AssColor(RgbaColor c) => $"&H{255 - c.A:X2}{c.B:X2}{c.G:X2}{c.R:X2}";

    private static string AssTime(TimeSpan t)
    {
        long centiseconds = (long)Math.Round(t.Ticks / (double)(TimeSpan.TicksPerMillisecond * 10), MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture,
            $"{centiseconds / 360000}:{centiseconds / 6000 % 60:00}:{centiseconds / 100 % 60:00}.{centiseconds % 100:00}");
    }

    private static string ConvertText(string text)
    {
        string converted = Tag().Replace(text, m =>
        {
            string name = m.Groups["name"].Value.ToLowerInvariant();
            bool closing = m.Groups["close"].Success;
            switch (name)
            {
                case "b" or "i" or "u" or "s":
                    return $"{{\\{name}{(closing ? 0 : 1)}}}";
                case "font" when closing:
                    return "{\\c}";
                case "font":
                    Match color = FontColor().Match(m.Value);
                    return color.Success && RgbaColorFromHtml(color.Groups[1].Value) is { } c ? $"{{\\c&H{c.B:X2}{c.G:X2}{c.R:X2}&}}" : "";
                default:
                    return "";
            }
        });
        return converted.Replace("\n", "\\N");
    }

    private static RgbaColor? RgbaColorFromHtml(string value)
    {
        try { return RgbaColor.Parse(value.Length == 7 || value.Length == 6 ? value : "#FFFFFF"); }
        catch (FormatException) { return null; }
    }

    private static TimeSpan Time(Match m, int group)
    {
        int Part(int g) => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        string fraction = m.Groups[group + 3].Value.PadRight(3, '0')[..3];
        return new TimeSpan(0, Part(group), Part(group + 1), Part(group + 2), int.Parse(fraction, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^\s*(\d+):(\d{1,2}):(\d{1,2})[,.](\d{1,3})\s*-->\s*(\d+):(\d{1,2}):(\d{1,2})[,.](\d{1,3})")]
    private static partial Regex TimeLine();

    [GeneratedRegex(@"<(?<close>/)?(?<name>[a-zA-Z]+)[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"color\s*=\s*[""']?(#?[0-9a-fA-F]{6})", RegexOptions.IgnoreCase)]
    private static partial Regex FontColor();
}
