// Why: a rule that can never fail proves nothing. The fixture (tests/Ovni.Architecture.Fixture) lays out Ovni's
// folders in miniature with three deliberately wrong references; the same rules must report exactly those, name the
// offending type, and pass the references that are allowed.
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using Ovni.Testing;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace Ovni.Architecture.Tests;

public sealed class BrokenRuleTests
{
    private static readonly System.Reflection.Assembly Fixture = System.Reflection.Assembly.Load("Ovni.Architecture.Fixture");
    private static readonly ArchitectureModel Architecture = new ArchLoader().LoadAssemblies(Fixture).Build();
    private static readonly LayerMap Layers = new(Path.Combine(TestMedia.RepositoryRoot, "tests", "Ovni.Architecture.Fixture"), LayerRules.LayerOfFolder);

    [Theory]
    [InlineData(LayerRules.Interop, "Ovni.Architecture.Fixture.NativeCalls")]
    [InlineData(LayerRules.Media, "Ovni.Architecture.Fixture.FixtureReader")]
    [InlineData(LayerRules.Quality, "Ovni.Architecture.Fixture.FixtureScorer")]
    public void A_wrong_reference_fails_the_rule_and_names_the_type(string layer, string offender)
    {
        IArchRule rule = LayerRules.For(layer, Architecture, Layers);

        Assert.False(rule.HasNoViolations(Architecture));
        string[] failed = rule.Evaluate(Architecture).Where(r => !r.Passed)
            .Select(r => r.EvaluatedObject is IType type ? type.FullName : r.Description).ToArray();
        Assert.Equal([offender], failed);
        Exception failure = Assert.ThrowsAny<Exception>(() => rule.Check(Architecture));
        Assert.Contains(offender, failure.Message);
    }

    [Fact]
    public void References_down_the_layers_pass()
    {
        Assert.True(LayerRules.For(LayerRules.Devices, Architecture, Layers).HasNoViolations(Architecture));
        Assert.Equal(6, Layers.Count);
    }
}
