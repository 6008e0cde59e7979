// Why: YUV <-> RGBA is compute-bound and every output row depends only on its own input rows (4:2:0: on its pair
// of luma rows and their chroma row), so bands of rows convert independently on separate cores by offsetting the
// plane pointers; the kernels themselves stay whole-plane, bit-exact twins of color.cu.
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>A colour conversion of host frames, split into bands of rows (in units of chroma rows for 4:2:0).</summary>
internal readonly unsafe struct ColorConversionBand : IRowBandBody
{
    private readonly GpuFrame _yuv, _rgba;
    private readonly bool _toRgba;
    private readonly ColorMatrix _matrix;
    private readonly YuvRange _range;

    public ColorConversionBand(GpuFrame yuv, GpuFrame rgba, bool toRgba, ColorMatrix matrix, YuvRange range)
    {
        _yuv = yuv;
        _rgba = rgba;
        _toRgba = toRgba;
        _matrix = matrix;
        _range = range;
        RowsPerUnit = yuv.Format is PixelFormat.Yuv444P or PixelFormat.Yuvj444P ? 1 : 2;
        Units = (yuv.Height + RowsPerUnit - 1) / RowsPerUnit;
    }

    /// <summary>Luma rows per band unit: 2 for 4:2:0 layouts (a chroma row), else 1.</summary>
    public int RowsPerUnit { get; }

    /// <summary>Band units in the frame.</summary>
    public int Units { get; }

    /// <inheritdoc />
    public void Run(int rowStart, int rowEnd)
    {
        int firstRow = rowStart * RowsPerUnit;
        int rows = Math.Min(rowEnd * RowsPerUnit, _yuv.Height) - firstRow;
        int w = _yuv.Width;
        byte* rgba = Row(_rgba, 0, firstRow);
        int pr = _rgba.GetPitch(0);
        byte* y = Row(_yuv, 0, firstRow);
        int py = _yuv.GetPitch(0);
        int chromaRow = firstRow / RowsPerUnit;
        switch (_yuv.Format)
        {
            case PixelFormat.Nv12 when _toRgba:
                ColorConversion.Nv12ToRgba(y, py, Row(_yuv, 1, chromaRow), _yuv.GetPitch(1), rgba, pr, w, rows, _matrix, _range);
                break;
            case PixelFormat.Nv12:
                ColorConversion.RgbaToNv12(rgba, pr, y, py, Row(_yuv, 1, chromaRow), _yuv.GetPitch(1), w, rows, _matrix, _range);
                break;
            case PixelFormat.P010 when _toRgba:
                ColorConversion.P010ToRgba(y, py, Row(_yuv, 1, chromaRow), _yuv.GetPitch(1), rgba, pr, w, rows, _matrix, _range);
                break;
            case PixelFormat.P010:
                ColorConversion.RgbaToP010(rgba, pr, y, py, Row(_yuv, 1, chromaRow), _yuv.GetPitch(1), w, rows, _matrix, _range);
                break;
            case PixelFormat.Yuv444P or PixelFormat.Yuvj444P when _toRgba:
                ColorConversion.Yuv444PToRgba(y, py, Row(_yuv, 1, chromaRow), _yuv.GetPitch(1), Row(_yuv, 2, chromaRow), _yuv.GetPitch(2),
                    rgba, pr, w, rows, _matrix, _range);
                break;
            case PixelFormat.Yuv444P or PixelFormat.Yuvj444P:
                ColorConversion.RgbaToYuv444P(rgba, pr, y, py, Row(_yuv, 1, chromaRow), _yuv.GetPitch(1), Row(_yuv, 2, chromaRow), _yuv.GetPitch(2),
                    w, rows, _matrix, _range);
                break;
            default:
                if (_toRgba)
                    ColorConversion.Yuv420PToRgba(y, py, Row(_yuv, 1, chromaRow), _yuv.GetPitch(1), Row(_yuv, 2, chromaRow), _yuv.GetPitch(2),
                        rgba, pr, w, rows, _matrix, _range);
                else
                    ColorConversion.RgbaToYuv420P(rgba, pr, y, py, Row(_yuv, 1, chromaRow), _yuv.GetPitch(1), Row(_yuv, 2, chromaRow), _yuv.GetPitch(2),
                        w, rows, _matrix, _range);
                break;
        }
    }

    private static byte* Row(GpuFrame frame, int plane, int row) => frame.GetHostPlane(plane) + (long)row * frame.GetPitch(plane);
}
