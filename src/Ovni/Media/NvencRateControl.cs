// NVENC's rate-control modes, FFmpeg's -rc.
namespace Ovni;

/// <summary>NVENC rate control, FFmpeg's <c>-rc</c>.</summary>
internal enum NvencRateControl
{
    /// <summary>Constant quantiser (<see cref="NvencOptions.Qp"/>).</summary>
    ConstQp,
    /// <summary>Variable bit rate; with <see cref="NvencOptions.ConstantQuality"/> a constant-quality target.</summary>
    Vbr,
    /// <summary>Constant bit rate (<see cref="NvencOptions.BitRate"/>).</summary>
    Cbr,
}
