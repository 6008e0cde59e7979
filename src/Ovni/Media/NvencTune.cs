// What NVENC optimises for, FFmpeg's -tune.
namespace Ovni;

/// <summary>NVENC tuning, FFmpeg's <c>-tune</c>.</summary>
internal enum NvencTune
{
    /// <summary>High quality (FFmpeg's default): files, VOD.</summary>
    HighQuality,
    /// <summary>Low latency: streaming.</summary>
    LowLatency,
    /// <summary>Ultra-low latency: cloud gaming, conferencing.</summary>
    UltraLowLatency,
    /// <summary>Mathematically lossless.</summary>
    Lossless,
}
