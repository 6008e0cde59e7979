namespace Ovni;

/// <summary>An audio stream of a file.</summary>
/// <param name="Index">Index of the stream in the container.</param>
/// <param name="Codec">Codec name, e.g. "aac", "ac3".</param>
/// <param name="SampleRate">Samples per second.</param>
/// <param name="Channels">Channel count.</param>
/// <param name="Language">ISO 639 language tag when the file has one.</param>
public sealed record AudioStreamInfo(int Index, string Codec, int SampleRate, int Channels, string? Language);
