// Why: in Ovni the folder tells the layer and the file tells the type, but one namespace (Ovni) holds public types of
// several layers. So a type's layer is read from where its source file lives: every top-level type declared in a file
// under <root>/<folder>/... belongs to that folder's layer (nested and compiler-generated types to their outer type's).
using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace Ovni.Architecture.Tests;

/// <summary>Which layer each type of an assembly belongs to, by the folder of the file that declares it.</summary>
internal sealed partial class LayerMap
{
    private readonly Dictionary<string, string> _layerOfType = new(StringComparer.Ordinal);

    /// <summary>Reads every .cs file under <paramref name="sourceRoot"/>; <paramref name="layerOfFolder"/> maps a first-level folder ("" for the root) to a layer.</summary>
    public LayerMap(string sourceRoot, IReadOnlyDictionary<string, string> layerOfFolder)
    {
        foreach (string file in Directory.EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(sourceRoot, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal)) continue;
            string folder = relative.Contains(Path.DirectorySeparatorChar) ? relative[..relative.IndexOf(Path.DirectorySeparatorChar)] : "";
            if (!layerOfFolder.TryGetValue(folder, out string? layer))
                throw new InvalidOperationException($"{relative}: the folder '{folder}' has no layer; add it to the layer map.");
            string text = File.ReadAllText(file);
            string ns = Namespace().Match(text) is { Success: true } m ? m.Groups[1].Value : "";
            foreach (Match type in TopLevelType().Matches(text))
            {
                string name = type.Groups["name"].Value;
                int arity = type.Groups["generics"].Success ? type.Groups["generics"].Value.Count(c => c == ',') + 1 : 0;
                string fullName = (ns.Length > 0 ? ns + "." : "") + name + (arity > 0 ? "`" + arity : "");
                if (_layerOfType.TryGetValue(fullName, out string? other) && other != layer)
                    throw new InvalidOperationException($"{fullName} is declared in two layers ({other} and {layer}): a partial type must stay in one layer.");
                _layerOfType[fullName] = layer;
            }
        }
    }

    /// <summary>Number of top-level types mapped.</summary>
    public int Count => _layerOfType.Count;

    /// <summary>The layer of <paramref name="type"/>, or null for types no source file declares (compiler- or generator-made).</summary>
    public string? LayerOf(IType type)
    {
        string fullName = type.FullName;
        int nested = fullName.IndexOfAny(['+', '/']);
        if (nested >= 0) fullName = fullName[..nested];
        return _layerOfType.TryGetValue(fullName, out string? layer) ? layer : null;
    }

    /// <summary>The types of <paramref name="architecture"/> in <paramref name="layers"/>.</summary>
    public IReadOnlyList<IType> TypesIn(ArchitectureModel architecture, params string[] layers) =>
        architecture.Types.Where(t => LayerOf(t) is string layer && layers.Contains(layer)).ToList();

    // File-scoped namespaces: every top-level type starts at column 0, nested types are indented.
    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^(?:(?:public|internal|file|static|sealed|abstract|readonly|unsafe|partial|ref)\s+)*(?:class|struct|interface|enum|record(?:\s+struct|\s+class)?)\s+(?<name>\w+)(?:<(?<generics>[^>]*)>)?", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();
}
