// Why: the layout leaves room for the encoding layer, whose dependencies (SQLite, Hangfire, PostgreSQL, ASP.NET Core)
// must not land in the core Ovni package. The second test proves the check sees such dependencies where they are.
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
}
