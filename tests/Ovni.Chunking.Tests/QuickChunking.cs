namespace Ovni.Chunking.Tests;

/// <summary>The settings of the chunked encodes that check a promise rather than the encode: x264 ultrafast, chunks of 0.5–1 s.</summary>
internal static class QuickChunking
{
    internal static ChunkedEncodeOptions Options(string workDir) => new()
    {
        Encoding = new VideoEncoderOptions { Encoder = "libx264", Crf = 30, Preset = "ultrafast" },
        Workers = 2,
        Plan = new ChunkPlanOptions { MinSeconds = 0.5, MaxSeconds = 1 },
        WorkDirectory = workDir,
    };
}
