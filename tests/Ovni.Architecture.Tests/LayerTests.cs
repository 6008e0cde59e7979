// Why: the layer rules of README's architecture section, held by a test rather than by goodwill: every type of the
// core assembly uses only the layers below its own, the kernels know nothing of Ovni, and the tool uses only the
// public API.
using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using Ovni.Testing;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;
using Assembly = System.Reflection.Assembly;

namespace Ovni.Architecture.Tests;

public sealed class LayerTests
{
    private static readonly Assembly Core = typeof(GpuFrame).Assembly;
    private static readonly Assembly Kernels = Assembly.Load("Ovni.Kernels");
    private static readonly Assembly Cli = Assembly.Load("Ovni.Cli");
    private static readonly ArchitectureModel Architecture = new ArchLoader().LoadAssemblies(Core, Kernels, Cli).Build();
    private static readonly LayerMap Layers = new(Path.Combine(TestMedia.RepositoryRoot, "src", "Ovni"), LayerRules.LayerOfFolder);

    public static TheoryData<string> RuleLayers() => new(LayerRules.Rules.Select(r => r.Layer));

    [Theory]
    [MemberData(nameof(RuleLayers))]
    public void Each_layer_uses_only_the_layers_below_it(string layer) =>
        LayerRules.For(layer, Architecture, Layers).Check(Architecture);

    [Fact]
    public void The_pipeline_reaches_ffmpeg_and_cuda_only_through_media_and_the_devices() =>
        LayerRules.PipelineSkipsNoLayer(Architecture, Layers).Check(Architecture);

    [Fact]
    public void Every_type_of_the_core_is_declared_in_a_layer_folder()
    {
        IType[] unmapped = Architecture.Types
            .Where(t => t.Assembly.FullName == Core.FullName && Layers.LayerOf(t) is null && !IsGenerated(t))
            .ToArray();
        Assert.True(unmapped.Length == 0, "types whose layer is unknown: " + string.Join(", ", unmapped.Select(t => t.FullName)));
        Assert.True(Layers.Count > 150, $"only {Layers.Count} types were read from src/Ovni");
    }

    [Fact]
    public void The_kernels_know_nothing_of_Ovni() =>
        Types().That().ResideInAssembly(Kernels).Should().NotDependOnAny(Types().That().ResideInAssembly(Core))
            .Because("Ovni references Ovni.Kernels, never the reverse: the kernels stay pure per-pixel math").Check(Architecture);

    [Fact]
    public void The_tool_uses_only_the_public_api() =>
        Types().That().ResideInAssembly(Cli).Should().NotDependOnAny(Types().That().ResideInAssembly(Core).And().AreNotPublic())
            .AndShould().NotDependOnAny(Types().That().ResideInAssembly(Kernels))
            .Because("ovni is built on Ovni the way a user's program is").Check(Architecture);

    // Types the compiler or a source generator made without a declaration of their own (<Module>, regex runners, ...).
    private static bool IsGenerated(IType type) => type.Name.StartsWith('<') || type.Namespace.FullName.StartsWith("System.", StringComparison.Ordinal)
        || type.FullName.Contains("<", StringComparison.Ordinal);
}
