// Why: the PTX is embedded in this assembly; cuModuleLoadData wants a null-terminated image.
namespace Ovni.Kernels;

/// <summary>Reads the embedded PTX modules built from <c>native/kernels/*.cu</c>.</summary>
internal static class PtxModules
{
    private const string ResourcePrefix = "Ovni.Kernels.Ptx.";
    private const string ResourceSuffix = ".ptx";

    /// <summary>Names of every embedded module (e.g. <c>color</c>, <c>overlay</c>), sorted.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. typeof(PtxModules).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^ResourceSuffix.Length])
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>
    /// The PTX text of <paramref name="moduleName"/> as UTF-8 bytes followed by one 0 byte, ready for
    /// <c>cuModuleLoadData</c>. A new array per call: callers load a module once per context and keep the handle.
    /// </summary>
    /// <exception cref="ArgumentException">No module of that name is embedded.</exception>
    public static byte[] Load(string moduleName)
    {
        ArgumentNullException.ThrowIfNull(moduleName);
        using Stream stream = typeof(PtxModules).Assembly.GetManifestResourceStream(ResourcePrefix + moduleName + ResourceSuffix)
            ?? throw new ArgumentException(
                $"No embedded PTX module '{moduleName}'. Embedded: {string.Join(", ", Names)}.", nameof(moduleName));
        byte[] image = new byte[stream.Length + 1];
        stream.ReadExactly(image.AsSpan(0, (int)stream.Length));
        return image;
    }

    /// <summary>The PTX text of <paramref name="moduleName"/> (for diagnostics and tests).</summary>
    public static string LoadText(string moduleName)
    {
        byte[] image = Load(moduleName);
        return System.Text.Encoding.UTF8.GetString(image, 0, image.Length - 1);
    }
}
