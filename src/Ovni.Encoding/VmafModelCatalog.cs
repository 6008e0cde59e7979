using Ovni.Quality;

namespace Ovni.Encoding;

/// <summary>
/// Chooses the VMAF model by resolution, as libvmaf's users do: the 4K model above 2560×1440, else the 1080p model.
/// The seam through which models reach the search: libvmaf's models built into Ovni (<see cref="BuiltIn"/>, the default),
/// or files in a folder (libvmaf's JSON models).
/// </summary>
public sealed class VmafModelCatalog
{
    private readonly Func<string, VmafModel> _load;
    private readonly Dictionary<string, VmafModel> _loaded = [];
    private readonly Lock _gate = new();

    private VmafModelCatalog(string defaultModel, string fourKModel, Func<string, VmafModel> load)
    {
        DefaultModel = defaultModel;
        FourKModel = fourKModel;
        _load = load;
    }

    /// <summary>Path, or built-in version name, of the model used up to 2560×1440.</summary>
    public string DefaultModel { get; }

    /// <summary>Path, or built-in version name, of the model used above 2560×1440.</summary>
    public string FourKModel { get; }

    /// <summary>libvmaf's vmaf_v0.6.1 and vmaf_4k_v0.6.1, built into Ovni (<see cref="VmafModel.BuiltIn"/>): no model file needed.</summary>
    public static VmafModelCatalog BuiltIn { get; } = new(VmafModel.DefaultVersion, VmafModel.FourKVersion, VmafModel.BuiltIn);

    /// <summary>Models from a folder holding <c>vmaf_v0.6.1.json</c> and <c>vmaf_4k_v0.6.1.json</c> (the 4K model may be missing: then the default serves all sizes).</summary>
    /// <exception cref="OvniException">The folder or its default model is missing.</exception>
    public static VmafModelCatalog FromDirectory(string directory)
    {
        string main = Path.Combine(directory, "vmaf_v0.6.1.json"), fourK = Path.Combine(directory, "vmaf_4k_v0.6.1.json");
        if (!File.Exists(main)) throw new OvniException($"No VMAF model 'vmaf_v0.6.1.json' in '{directory}'.") { FilePath = main };
        return new VmafModelCatalog(main, File.Exists(fourK) ? fourK : main, VmafModel.Load);
    }

    /// <summary>
    /// The catalog named by the environment: <c>OVNI_VMAF_MODELS</c> (a folder), else the folder of <c>OVNI_VMAF_MODEL</c> (a file),
    /// else the built-in models.
    /// </summary>
    /// <exception cref="OvniException">The folder named has no model.</exception>
    public static VmafModelCatalog FromEnvironment()
    {
        string? folder = Environment.GetEnvironmentVariable("OVNI_VMAF_MODELS");
        if (string.IsNullOrEmpty(folder) && Environment.GetEnvironmentVariable("OVNI_VMAF_MODEL") is { Length: > 0 } file)
            folder = Path.GetDirectoryName(Path.GetFullPath(file));
        return string.IsNullOrEmpty(folder) ? BuiltIn : FromDirectory(folder);
    }

    /// <summary>The model for a picture of this size.</summary>
    public VmafModel For(int width, int height) => Load(Name(width, height));

    /// <summary>The file name of the model for a picture of this size (part of the search's cache key).</summary>
    public string Name(int width, int height) => (long)width * height > 2560L * 1440 ? FourKModel : DefaultModel;

    private VmafModel Load(string name)
    {
        lock (_gate)
        {
            if (!_loaded.TryGetValue(name, out VmafModel? model)) _loaded[name] = model = _load(name);
            return model;
        }
    }
}
