// Why: the list of every PTX kernel with its parameter layout, mirrored from native/kernels/*.cu.
// The launchers in Ovni read it; a test parses the committed PTX and fails if any entry differs.
namespace Ovni.Kernels;

/// <summary>Every kernel Ovni ships as PTX, with how to launch it.</summary>
internal static partial class KernelCatalog
{
    private const string PerPixel = "one thread per pixel: grid spans width x height";
    private const string PerChromaSample = "one thread per 2x2 luma block: grid spans ceil(width/2) x ceil(height/2)";
    private const string PerOverlayBlock = "one thread per destination chroma sample under the overlay: grid spans (srcWidth/2+1) x (srcHeight/2+1)";
    private const string PerByte = "one thread per byte (per sample for P010): grid spans widthBytes x height";
    private const string PerRectByte = "one thread per byte of the rectangle: grid spans rectWidth x rectHeight";
    private const string PerDestinationPixel = "one thread per destination pixel (all channels): grid spans dstWidth x dstHeight";

    private const string YuvPlanarToRgba = "srcY* pitchY srcU* pitchU srcV* pitchV dst* pitchDst width height matrix fullRange";
    private const string SemiPlanarToRgba = "srcY* pitchY srcUV* pitchUV dst* pitchDst width height matrix fullRange";
    private const string RgbaToYuvPlanar = "src* pitchSrc dstY* pitchY dstU* pitchU dstV* pitchV width height matrix fullRange";
    private const string RgbaToSemiPlanar = "src* pitchSrc dstY* pitchY dstUV* pitchUV width height matrix fullRange";
    private const string ScaleParameters = "src* pitchSrc srcWidth srcHeight dst* pitchDst dstWidth dstHeight channels";

    /// <summary>YUV420P to RGBA (<see cref="ColorConversion.Yuv420PToRgba"/>).</summary>
    public static KernelSignature Yuv420PToRgba { get; } = Define("ovni_yuv420p_to_rgba", "color", PerPixel, YuvPlanarToRgba);

    /// <summary>NV12 to RGBA (<see cref="ColorConversion.Nv12ToRgba"/>).</summary>
    public static KernelSignature Nv12ToRgba { get; } = Define("ovni_nv12_to_rgba", "color", PerPixel, SemiPlanarToRgba);

    /// <summary>P010 to RGBA (<see cref="ColorConversion.P010ToRgba"/>).</summary>
    public static KernelSignature P010ToRgba { get; } = Define("ovni_p010_to_rgba", "color", PerPixel, SemiPlanarToRgba);

    /// <summary>YUV444P to RGBA (<see cref="ColorConversion.Yuv444PToRgba"/>).</summary>
    public static KernelSignature Yuv444PToRgba { get; } = Define("ovni_yuv444p_to_rgba", "color", PerPixel, YuvPlanarToRgba);

    /// <summary>RGBA to YUV420P (<see cref="ColorConversion.RgbaToYuv420P"/>).</summary>
    public static KernelSignature RgbaToYuv420P { get; } = Define("ovni_rgba_to_yuv420p", "color", PerChromaSample, RgbaToYuvPlanar);

    /// <summary>RGBA to NV12 (<see cref="ColorConversion.RgbaToNv12"/>).</summary>
    public static KernelSignature RgbaToNv12 { get; } = Define("ovni_rgba_to_nv12", "color", PerChromaSample, RgbaToSemiPlanar);

    /// <summary>RGBA to P010 (<see cref="ColorConversion.RgbaToP010"/>).</summary>
    public static KernelSignature RgbaToP010 { get; } = Define("ovni_rgba_to_p010", "color", PerChromaSample, RgbaToSemiPlanar);

    /// <summary>RGBA to YUV444P (<see cref="ColorConversion.RgbaToYuv444P"/>).</summary>
    public static KernelSignature RgbaToYuv444P { get; } = Define("ovni_rgba_to_yuv444p", "color", PerPixel, RgbaToYuvPlanar);

    /// <summary>RGBA overlay onto YUV420P (<see cref="RgbaOverlay.OverlayRgbaYuv420P"/>).</summary>
    public static KernelSignature OverlayRgbaYuv420P { get; } = Define("ovni_overlay_rgba_yuv420p", "overlay", PerOverlayBlock,
        "dstY* pitchY dstU* pitchU dstV* pitchV dstWidth dstHeight src* pitchSrc srcWidth srcHeight posX posY opacity premultiplied matrix fullRange");

    /// <summary>RGBA overlay onto NV12 (<see cref="RgbaOverlay.OverlayRgbaNv12"/>).</summary>
    public static KernelSignature OverlayRgbaNv12 { get; } = Define("ovni_overlay_rgba_nv12", "overlay", PerOverlayBlock,
        "dstY* pitchY dstUV* pitchUV dstWidth dstHeight src* pitchSrc srcWidth srcHeight posX posY opacity premultiplied matrix fullRange");

    /// <summary>Sub-pixel shift of an RGBA overlay (<see cref="RgbaOverlay.ShiftSubpixel"/>).</summary>
    public static KernelSignature ShiftRgbaSubpixel { get; } = Define("ovni_shift_rgba_subpixel", "overlay",
        "one thread per output pixel: grid spans (srcWidth+1) x (srcHeight+1)",
        "src* pitchSrc srcWidth srcHeight dst* pitchDst fracX fracY premultiplied");

    /// <summary>Cross-fade of two 8-bit planes (<see cref="PlaneBlend.BlendPlane"/>).</summary>
    public static KernelSignature BlendPlane { get; } = Define("ovni_blend_plane", "blend", PerByte,
        "a* pitchA b* pitchB dst* pitchDst widthBytes height weight");

    /// <summary>Cross-fade of two P010 planes (<see cref="PlaneBlend.BlendPlaneP010"/>).</summary>
    public static KernelSignature BlendPlaneP010 { get; } = Define("ovni_blend_plane_p010", "blend", PerByte,
        "a* pitchA b* pitchB dst* pitchDst widthSamples height weight");

    /// <summary>Fade of a plane towards a solid value (<see cref="PlaneBlend.FadePlane"/>).</summary>
    public static KernelSignature FadePlane { get; } = Define("ovni_fade_plane", "blend", PerByte,
        "src* pitchSrc dst* pitchDst widthBytes height valueEven valueOdd weight");

    /// <summary>Alpha-blended filled rectangle on one plane (<see cref="PlaneBlend.FillRectPlane"/>).</summary>
    public static KernelSignature FillRectPlane { get; } = Define("ovni_fill_rect_plane", "blend", PerRectByte,
        "plane* pitch planeWidthBytes planeHeight rectX rectY rectWidth rectHeight valueEven valueOdd alpha");

    /// <summary>Vignette on one plane (<see cref="PlaneBlend.VignettePlane"/>).</summary>
    public static KernelSignature VignettePlane { get; } = Define("ovni_vignette_plane", "blend", PerPixel,
        "plane* pitch width height channels centre strength");

    /// <summary>Bilinear resize of an 8-bit plane (<see cref="PlaneScale.ScalePlaneBilinear"/>).</summary>
    public static KernelSignature ScalePlaneBilinear { get; } = Define("ovni_scale_plane_bilinear", "scale", PerDestinationPixel, ScaleParameters);

    /// <summary>Bicubic (Catmull-Rom) resize of an 8-bit plane (<see cref="PlaneScale.ScalePlaneBicubic"/>).</summary>
    public static KernelSignature ScalePlaneBicubic { get; } = Define("ovni_scale_plane_bicubic", "scale", PerDestinationPixel, ScaleParameters);

    /// <summary>Lanczos-3 resize of an 8-bit plane with a weight table (<see cref="PlaneScale.ScalePlaneLanczos3"/>).</summary>
    public static KernelSignature ScalePlaneLanczos3 { get; } = Define("ovni_scale_plane_lanczos3", "scale", PerDestinationPixel,
        ScaleParameters + " table*");

    /// <summary>Area (box) downscale of an 8-bit plane (<see cref="PlaneScale.ScalePlaneArea"/>).</summary>
    public static KernelSignature ScalePlaneArea { get; } = Define("ovni_scale_plane_area", "scale", PerDestinationPixel, ScaleParameters);

    /// <summary>One pass of a separable blur (<see cref="PlaneBlur.BlurPass"/>); run horizontally, then vertically.</summary>
    public static KernelSignature BlurPlane { get; } = Define("ovni_blur_plane", "blur", PerPixel,
        "src* pitchSrc dst* pitchDst width height channels weights* radius vertical");

    /// <summary>Rounded-corner alpha mask on RGBA (<see cref="RgbaMask.RoundCorners"/>).</summary>
    public static KernelSignature RoundCornersRgba { get; } = Define("ovni_round_corners_rgba", "mask", PerPixel,
        "rgba* pitch width height radius premultiplied");

    /// <summary>Chroma key on RGBA (<see cref="RgbaMask.ChromaKey"/>).</summary>
    public static KernelSignature ChromaKeyRgba { get; } = Define("ovni_chroma_key_rgba", "mask", PerPixel,
        "rgba* pitch width height keyU keyV threshold softness matrix fullRange");

    /// <summary>Caption mask blend into one 8-bit plane (<see cref="AlphaMaskBlend.BlendAlphaMask"/>).</summary>
    public static KernelSignature BlendAlphaMask { get; } = Define("ovni_blend_alpha_mask", "caption",
        "one thread per mask byte: grid spans (width*samples) x height",
        "plane* pitch planeWidth planeHeight mask* maskPitch x y width height samples valueEven valueOdd");

    /// <summary>Affine bilinear resample of one plane (<see cref="PlaneTransform.TransformPlane"/>).</summary>
    public static KernelSignature TransformPlane { get; } = Define("ovni_transform_plane", "transform", PerDestinationPixel,
        "src* pitchSrc srcWidth srcHeight dst* pitchDst dstWidth dstHeight channels m00 m01 m02 m10 m11 m12 fill0 fill1 fill2 fill3");

    /// <summary>Natural (cos⁴) lens vignetting of one plane, as FFmpeg's vignette filter (<see cref="PlaneBlend.LensVignettePlane"/>).</summary>
    public static KernelSignature LensVignettePlane { get; } = Define("ovni_lens_vignette_plane", "blend", PerPixel,
        "plane* pitch width height channels subX subY centre factors* lumaWidth");

    /// <summary>FFmpeg-style chroma key of YUV into RGBA alpha (<see cref="YuvChromaKey.KeyAlpha"/>).</summary>
    public static KernelSignature ChromaKeyYuvAlpha { get; } = Define("ovni_chroma_key_yuv_alpha", "mask", PerPixel,
        "u* pitchU v* pitchV width height subX subY rgba* pitchRgba keyU keyV similarityBits blendBits");

    private static IReadOnlyList<KernelSignature>? s_all;

    /// <summary>All kernels, ordered by entry name.</summary>
    // Built on first use, after every partial file's static initialisers have run (their order is unspecified).
    public static IReadOnlyList<KernelSignature> All => s_all ??=
    [
        .. new[]
        {
            Yuv420PToRgba, Nv12ToRgba, P010ToRgba, Yuv444PToRgba, RgbaToYuv420P, RgbaToNv12, RgbaToP010, RgbaToYuv444P,
            OverlayRgbaYuv420P, OverlayRgbaNv12, ShiftRgbaSubpixel, BlendPlane, BlendPlaneP010, FadePlane, FillRectPlane, VignettePlane,
            ScalePlaneBilinear, ScalePlaneBicubic, ScalePlaneLanczos3, ScalePlaneArea, BlurPlane, RoundCornersRgba, ChromaKeyRgba,
            BlendAlphaMask, TransformPlane, LensVignettePlane, ChromaKeyYuvAlpha,
        }.Concat(VifKernels).Concat(AdmKernels).OrderBy(k => k.EntryName, StringComparer.Ordinal),
    ];

    /// <summary>Finds a kernel by PTX entry name.</summary>
    /// <exception cref="KeyNotFoundException">No kernel has that entry name.</exception>
    public static KernelSignature Get(string entryName) =>
        All.FirstOrDefault(k => k.EntryName == entryName)
        ?? throw new KeyNotFoundException($"No Ovni kernel has the PTX entry '{entryName}'.");

    // Compact layout: names separated by spaces; a trailing '*' marks a device pointer, the rest are int.
    private static KernelSignature Define(string entry, string module, string mapping, string parameters)
    {
        KernelParameter[] list =
        [
            .. parameters.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.EndsWith('*')
                ? new KernelParameter(p[..^1], KernelParameterKind.DevicePtr)
                : new KernelParameter(p, KernelParameterKind.Int32)),
        ];
        return new KernelSignature(entry, module, list, mapping);
    }
}
