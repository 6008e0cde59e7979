namespace Ovni;

/// <summary>A subtitle stream of a file.</summary>
/// <param name="Index">Index of the stream in the container.</param>
/// <param name="Codec">Codec name, e.g. "subrip", "ass", "mov_text".</param>
/// <param name="Language">ISO 639 language tag when the file has one.</param>
public sealed record SubtitleStreamInfo(int Index, string Codec, string? Language);
