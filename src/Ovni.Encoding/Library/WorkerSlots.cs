namespace Ovni.Encoding.Library;

/// <summary>How many things of each kind run at once.</summary>
public sealed record WorkerSlots
{
    /// <summary>Concurrent CPU encodes (x265, SVT-AV1, x264). Default 1: a software encoder uses every core by itself.</summary>
    public int Cpu { get; init; } = 1;

    /// <summary>Concurrent GPU encodes (NVENC). Default 1; used only by *_nvenc encoders.</summary>
    public int Gpu { get; init; } = 1;

    /// <summary>Concurrent VMAF runs (search probes and verification). Default 1.</summary>
    public int Vmaf { get; init; } = 1;
}
