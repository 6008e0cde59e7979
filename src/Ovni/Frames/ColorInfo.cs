using Ovni.Interop;
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// Colour tags of a stream or frame. Primaries, transfer and matrix use the code points of
/// ITU-T H.273 (which FFmpeg uses too): 1 = BT.709, 9 = BT.2020, 16 = PQ (SMPTE 2084), 18 = HLG,
/// 2 = unspecified. Carried from source to encoder so HDR stays HDR.
/// </summary>
/// <param name="Range">Limited or full range.</param>
/// <param name="Primaries">Colour primaries code point.</param>
/// <param name="Transfer">Transfer characteristics code point.</param>
/// <param name="Matrix">Matrix coefficients code point.</param>
public readonly unsafe record struct ColorInfo(ColorRange Range, int Primaries, int Transfer, int Matrix)
{
    /// <summary>Nothing tagged.</summary>
    public static ColorInfo Unspecified => new(ColorRange.Unspecified, 2, 2, 2);

    /// <summary>FFmpeg's name of the primaries, e.g. "bt2020".</summary>
    public string PrimariesName => Name(&FFmpegApi.av_color_primaries_name, Primaries);

    /// <summary>FFmpeg's name of the transfer, e.g. "smpte2084".</summary>
    public string TransferName => Name(&FFmpegApi.av_color_transfer_name, Transfer);

    /// <summary>FFmpeg's name of the matrix, e.g. "bt2020nc".</summary>
    public string MatrixName => Name(&FFmpegApi.av_color_space_name, Matrix);

    /// <summary>True for PQ or HLG transfer.</summary>
    public bool IsHdr => Transfer is 16 or 18;

    private static unsafe string Name(delegate*<int, byte*> lookup, int value) => Utf8.ToString(lookup(value)) ?? value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => $"{Range.ToString().ToLowerInvariant()}, {PrimariesName}/{TransferName}/{MatrixName}";
}
