namespace Ovni.Encoding;

/// <summary>How many chunks to encode at once on this machine.</summary>
public static class WorkerPlanning
{
    /// <summary>
    /// One worker per core, fewer when memory would not hold them: each worker needs about one decoder and one encoder
    /// instance, estimated from the frame size and the encoder's look-ahead (AV1 encoders keep the most frames in flight).
    /// At most three quarters of the available memory is planned for.
    /// </summary>
    /// <param name="encoder">FFmpeg encoder name.</param>
    /// <param name="width">Frame width.</param>
    /// <param name="height">Frame height.</param>
    /// <param name="cores">Cores to plan for; 0 = this machine's.</param>
    /// <param name="memoryBytes">Memory to plan for; 0 = what this process may use.</param>
    public static int Recommend(string encoder, int width, int height, int cores = 0, long memoryBytes = 0)
    {
        if (cores <= 0) cores = Environment.ProcessorCount;
        if (memoryBytes <= 0) memoryBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        long perWorker = EstimateWorkerMemory(encoder, width, height);
        long byMemory = Math.Max(1, memoryBytes * 3 / 4 / perWorker);
        return (int)Math.Clamp(Math.Min(cores, byMemory), 1, 64);
    }

    /// <summary>Estimated peak memory of one worker (decoder + encoder), bytes.</summary>
    public static long EstimateWorkerMemory(string encoder, int width, int height)
    {
        long frame = (long)Math.Max(1, width) * Math.Max(1, height) * 3 / 2;
        int framesInFlight = encoder switch
        {
            "libsvtav1" => 160,
            "libaom-av1" => 120,
            "libx265" => 90,
            "librav1e" => 120,
            _ when encoder.EndsWith("_nvenc", StringComparison.Ordinal) => 40,
            _ => 60,
        };
        return 64L * 1024 * 1024 + frame * framesInFlight;
    }
}
