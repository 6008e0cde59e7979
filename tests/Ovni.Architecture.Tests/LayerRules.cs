// Why: the layers of src/Ovni, written once as data, so the same rules check the real assembly and the fixture that
// proves a broken rule is caught. A layer may use the layers below it; the rules name what each must not reach.
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace Ovni.Architecture.Tests;

/// <summary>The layer rules of Ovni's core assembly.</summary>
internal static class LayerRules
{
    /// <summary>Layer of each first-level folder of src/Ovni ("" = the files at its root).</summary>
    public static readonly IReadOnlyDictionary<string, string> LayerOfFolder = new Dictionary<string, string>
    {
        [""] = Foundation,
        ["Interop"] = Interop,
        ["IO"] = Files,
        ["Devices"] = Devices,
        ["Frames"] = Devices,
        ["Media"] = Media,
        ["Pipeline"] = Pipeline,
        ["Operations"] = Pipeline,
        ["Animation"] = Pipeline,
        ["Captions"] = Pipeline,
        ["Sources"] = Pipeline,
        ["Quality"] = Quality,
        ["Scenes"] = Scenes,
    };

    /// <summary>Configuration, exceptions and value types everything else shares; they know no other layer.</summary>
    public const string Foundation = "Foundation";

    /// <summary>FFmpeg, CUDA driver and libass bindings.</summary>
    public const string Interop = "Interop";

    /// <summary>File identity, the inputs in use, temporary outputs and path rules (what keeps sources safe).</summary>
    public const string Files = "Files";

    /// <summary>Compute devices, frames, pools.</summary>
    public const string Devices = "Devices & frames";

    /// <summary>Reading and writing media files.</summary>
    public const string Media = "Media";

    /// <summary>Pipeline, operations, animation, captions, sources.</summary>
    public const string Pipeline = "Pipeline & operations";

    /// <summary>PSNR, SSIM, VMAF.</summary>
    public const string Quality = "Quality";

    /// <summary>Scene detection (needs only media and frames).</summary>
    public const string Scenes = "Scenes";

    /// <summary>Each rule: the layer, the layers it must not depend on, and why.</summary>
    public static readonly (string Layer, string[] Forbidden, string Reason)[] Rules =
    [
        (Foundation, [Interop, Files, Devices, Media, Pipeline, Quality, Scenes], "the shared foundation knows no layer"),
        (Interop, [Files, Devices, Media, Pipeline, Quality, Scenes], "interop depends on nothing above it"),
        (Files, [Devices, Media, Pipeline, Quality, Scenes], "file safety knows only interop"),
        (Devices, [Files, Media, Pipeline, Quality, Scenes], "devices and frames know only interop and the kernels"),
        (Media, [Pipeline, Quality, Scenes], "media does not depend on the pipeline or the operations"),
        (Quality, [Pipeline, Scenes], "quality does not depend on the operations"),
        (Scenes, [Pipeline, Quality], "scene detection needs only media and frames"),
    ];

    /// <summary>The rule for <paramref name="layer"/> over the types of <paramref name="map"/> in <paramref name="architecture"/>.</summary>
    public static IArchRule For(string layer, ArchitectureModel architecture, LayerMap map)
    {
        (string _, string[] forbidden, string reason) = Rules.Single(r => r.Layer == layer);
        IReadOnlyList<IType> own = map.TypesIn(architecture, layer);
        IReadOnlyList<IType> above = map.TypesIn(architecture, forbidden);
        return Types().That().Are(own).Should().NotDependOnAny(above).Because(reason).WithoutRequiringPositiveResults();
    }

    /// <summary>
    /// The pipeline and operations reach FFmpeg and the CUDA driver only through media and the devices (no layer
    /// skipped); the libass binding (captions alone use it) and the shared UTF-8 helper are theirs to use.
    /// </summary>
    public static IArchRule PipelineSkipsNoLayer(ArchitectureModel architecture, LayerMap map)
    {
        IReadOnlyList<IType> pipeline = map.TypesIn(architecture, Pipeline);
        IEnumerable<IType> bindings = map.TypesIn(architecture, Interop)
            .Where(t => t.Namespace.FullName is "Ovni.Interop.FFmpeg" or "Ovni.Interop.Cuda");
        return Types().That().Are(pipeline).Should().NotDependOnAny(bindings)
            .Because("the pipeline and operations use FFmpeg and CUDA through media and the devices").WithoutRequiringPositiveResults();
    }
}
