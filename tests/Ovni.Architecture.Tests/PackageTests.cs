// Why: the layout leaves room for the encoding layer, whose dependencies (SQLite, Hangfire, PostgreSQL, ASP.NET Core)
// must not land in the core Ovni package; the charts' native graphics (ScottPlot → SkiaSharp, HarfBuzz) belong to the tool
// and must land in no library package. The "sees" tests prove each check finds such dependencies where they are.
using Ovni.Testing;

namespace Ovni.Architecture.Tests;

public sealed class PackageTests
{
    private static string Project(string name) => Path.Combine(TestMedia.RepositoryRoot, "src", name);

    [Fact]
    public void The_core_brings_no_database_web_or_encoding_dependency()
    {
        Assert.Empty(PackageDependencies.ForbiddenInClosure(Project("Ovni")));
        Assert.Empty(PackageDependencies.ForbiddenReferences(typeof(GpuFrame).Assembly));
    }

    [Fact]
    public void The_dependency_check_sees_the_scale_out_packages_where_they_belong()
    {
        IReadOnlyList<string> distributed = PackageDependencies.ForbiddenInClosure(Project("Ovni.Distributed"));
        Assert.Contains(distributed, name => name.StartsWith("Hangfire.Core/", StringComparison.Ordinal));
        Assert.Contains(distributed, name => name.StartsWith("Npgsql/", StringComparison.Ordinal));
        Assert.Contains(distributed, name => name.StartsWith("Ovni.Encoding/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Ovni")]
    [InlineData("Ovni.Encoding")]
    [InlineData("Ovni.Distributed")]
    public void No_library_package_brings_plotting_or_native_graphics(string project) =>
        Assert.Empty(PackageDependencies.InClosure(Project(project), PackageDependencies.NativeGraphics));

    [Fact]
    public void The_core_assemblies_reference_no_plotting_or_native_graphics() =>
        Assert.Empty(PackageDependencies.References(typeof(GpuFrame).Assembly, PackageDependencies.NativeGraphics)
            .Concat(PackageDependencies.References(System.Reflection.Assembly.Load("Ovni.Kernels"), PackageDependencies.NativeGraphics)));

    [Fact]
    public void The_graphics_check_sees_the_charts_native_libraries_in_the_tool()
    {
        IReadOnlyList<string> tool = PackageDependencies.InClosure(Project("Ovni.Cli"), PackageDependencies.NativeGraphics);
        Assert.Contains(tool, name => name.StartsWith("ScottPlot/", StringComparison.Ordinal));
        Assert.Contains(tool, name => name.StartsWith("SkiaSharp.NativeAssets.Linux", StringComparison.Ordinal));
        Assert.Contains("ScottPlot", PackageDependencies.References(System.Reflection.Assembly.Load("Ovni.Cli"), PackageDependencies.NativeGraphics));
    }
}
