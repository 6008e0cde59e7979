namespace Ovni.Captions;

/// <summary>The file format a <see cref="CaptionTrack"/> was read from.</summary>
internal enum CaptionFormat
{
    /// <summary>Advanced SubStation Alpha or SubStation Alpha (.ass, .ssa): rendered as written.</summary>
    Ass,
    /// <summary>SubRip (.srt): converted to ASS with a <see cref="CaptionStyle"/>.</summary>
    Srt,
}
