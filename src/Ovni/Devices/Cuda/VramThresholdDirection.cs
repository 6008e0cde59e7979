// Which way free memory crossed a threshold.
namespace Ovni.Devices.Cuda;

/// <summary>Direction of a threshold crossing.</summary>
internal enum VramThresholdDirection
{
    /// <summary>Free memory fell below the threshold.</summary>
    FellBelow,
    /// <summary>Free memory rose above the threshold plus the hysteresis.</summary>
    RoseAbove,
}
