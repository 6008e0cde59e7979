// Why: a user who only renders videos adds the Ovni package and must not receive a database or a web server. The
// packages Ovni.Encoding and Ovni.Distributed bring those; the core must reach none of them, directly or through a
// dependency. Nor may any library package bring native graphics (ScottPlot and the SkiaSharp/HarfBuzz native libraries it
// needs): charts are drawn by the tool only. NuGet's resolved closure (obj/project.assets.json) and the compiled
// references both say what a user gets.
using System.Reflection;
using System.Text.Json;

namespace Ovni.Architecture.Tests;

/// <summary>The forbidden dependencies of a project, from its restore closure and its assembly's references.</summary>
internal static class PackageDependencies
{
    /// <summary>Name prefixes of what the core must not bring: the encoding helpers' and scale-out packages and their engines.</summary>
    public static readonly string[] ForbiddenInCore =
        ["Ovni.Encoding", "Ovni.Distributed", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "Hangfire", "Npgsql", "Microsoft.AspNetCore"];

    /// <summary>Name prefixes of plotting and native graphics libraries, which only the tool (Ovni.Cli) may bring.</summary>
    public static readonly string[] NativeGraphics = ["ScottPlot", "SkiaSharp", "HarfBuzzSharp"];

    /// <summary>Every library (package or project) in the restore closure of the project in <paramref name="projectDirectory"/> that is forbidden in the core.</summary>
    public static IReadOnlyList<string> ForbiddenInClosure(string projectDirectory) => InClosure(projectDirectory, ForbiddenInCore);

    /// <summary>Every library (package or project, as "name/version") in the restore closure of a project whose name starts with one of <paramref name="prefixes"/>.</summary>
    public static IReadOnlyList<string> InClosure(string projectDirectory, IReadOnlyList<string> prefixes)
    {
        string assets = Path.Combine(projectDirectory, "obj", "project.assets.json");
        if (!File.Exists(assets)) throw new FileNotFoundException($"{assets} is missing: restore the project first.", assets);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(assets));
        return json.RootElement.GetProperty("libraries").EnumerateObject()
            .Select(library => library.Name)
            .Where(name => StartsWithAny(name, prefixes))
            .ToList();
    }

    /// <summary>The assemblies <paramref name="assembly"/> references that are forbidden in the core.</summary>
    public static IReadOnlyList<string> ForbiddenReferences(Assembly assembly) => References(assembly, ForbiddenInCore);

    /// <summary>The assemblies <paramref name="assembly"/> references whose name starts with one of <paramref name="prefixes"/>.</summary>
    public static IReadOnlyList<string> References(Assembly assembly, IReadOnlyList<string> prefixes) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").Where(name => StartsWithAny(name, prefixes)).ToList();

    private static bool StartsWithAny(string name, IReadOnlyList<string> prefixes) =>
        prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
