// Why: the README's "Use it in your app" code must compile and run, not rot. The code lives in samples/Ovni.Samples.Recipes
// (built with the solution; scripts/pack-smoke.sh compiles and runs it against the packed package), between
// "// README begin: NAME" and "// README end"; the README must show each region word for word as a ```csharp block.
// (The README's minimal app is a whole Program.cs: scripts/pack-smoke.sh takes it from the README and runs it.)
using System.Text.RegularExpressions;
using Ovni.Testing;

namespace Ovni.Architecture.Tests;

public sealed partial class ReadmeRecipeTests
{
    private static readonly string RecipesDirectory = Path.Combine(TestMedia.RepositoryRoot, "samples", "Ovni.Samples.Recipes");

    [GeneratedRegex(@"^(?<indent>[ ]*)// README begin: (?<name>[a-z-]+)\n(?<body>.*?)^[ ]*// README end$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Region();

    /// <summary>Each marked region of the recipe files, named, with the region's own indentation removed.</summary>
    internal static IReadOnlyDictionary<string, string> Regions()
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(RecipesDirectory, "*.cs"))
        foreach (Match match in Region().Matches(File.ReadAllText(file).ReplaceLineEndings("\n")))
        {
            int indent = match.Groups["indent"].Length;
            string[] lines = match.Groups["body"].Value.TrimEnd('\n').Split('\n');
            regions.Add(match.Groups["name"].Value, string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())));
        }
        return regions;
    }

    [Fact]
    public void The_readme_shows_every_recipe_as_the_sample_compiles_it()
    {
        IReadOnlyDictionary<string, string> regions = Regions();
        Assert.Equal(["hdr", "promo", "vmaf"], regions.Keys.Order(StringComparer.Ordinal));
        string readme = File.ReadAllText(Path.Combine(TestMedia.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        foreach (var (name, code) in regions)
            Assert.True(readme.Contains("```csharp\n" + code + "\n```", StringComparison.Ordinal),
                $"README.md does not show the recipe '{name}' as samples/Ovni.Samples.Recipes has it:\n{code}");
    }
}
