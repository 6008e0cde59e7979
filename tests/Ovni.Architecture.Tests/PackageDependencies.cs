// Why: a user who only renders videos adds the Ovni package and must not receive a database or a web server. The
// packages Ovni.Encoding and Ovni.Distributed bring those; the core must reach none of them, directly or through a
// dependency. NuGet's resolved closure (obj/project.assets.json) and the compiled references both say what a user gets.
using System.Reflection;
using System.Text.Json;

namespace Ovni.Architecture.Tests;

/// <summary>The forbidden dependencies of a project, from its restore closure and its assembly's references.</summary>
internal static class PackageDependencies
{
    /// <summary>Name prefixes of what the core must not bring: the encoding helpers' and scale-out packages and their engines.</summary>
    public static readonly string[] ForbiddenInCore =
        ["Ovni.Encoding", "Ovni.Distributed", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "Hangfire", "Npgsql", "Microsoft.AspNetCore"];

    /// <summary>Every library (package or project) in the restore closure of the project in <paramref name="projectDirectory"/> that is forbidden in the core.</summary>
    public static IReadOnlyList<string> ForbiddenInClosure(string projectDirectory)
    {
        string assets = Path.Combine(projectDirectory, "obj", "project.assets.json");
        if (!File.Exists(assets)) throw new FileNotFoundException($"{assets} is missing: restore the project first.", assets);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(assets));
        return json.RootElement.GetProperty("libraries").EnumerateObject()
            .Select(library => library.Name)
            .Where(IsForbidden)
            .ToList();
    }

    /// <summary>The assemblies <paramref name="assembly"/> references that are forbidden in the core.</summary>
    public static IReadOnlyList<string> ForbiddenReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").Where(IsForbidden).ToList();

    private static bool IsForbidden(string name) => ForbiddenInCore.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
