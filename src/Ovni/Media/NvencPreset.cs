// NVENC's speed/quality presets (SDK 10+ names): P1 fastest … P7 best quality.
namespace Ovni;

/// <summary>NVENC preset, FFmpeg's <c>-preset p1</c> … <c>p7</c>.</summary>
internal enum NvencPreset
{
    /// <summary>Fastest, lowest quality.</summary>
    P1 = 1,
    /// <summary>Faster.</summary>
    P2,
    /// <summary>Fast.</summary>
    P3,
    /// <summary>Medium (FFmpeg's default).</summary>
    P4,
    /// <summary>Slow.</summary>
    P5,
    /// <summary>Slower.</summary>
    P6,
    /// <summary>Slowest, best quality.</summary>
    P7,
}
