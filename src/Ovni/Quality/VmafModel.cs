// A libvmaf JSON model (vmaf_v0.6.1.json and friends): feature list, linear_rescale normalisation, a libsvm
// nu-SVR with RBF kernel, the optional score transform and clip. Prediction follows ALGORITHM.md §6.
// libvmaf's own models are built in (embedded resources, BSD-2-Clause-Patent, Models/LICENSE) as libvmaf builds
// them into itself, so VMAF works without a model file; a path still overrides.
using System.Globalization;
using System.Text.Json;

namespace Ovni.Quality;

/// <summary>
/// A VMAF model in libvmaf's JSON model format: one of libvmaf's models built into Ovni (<see cref="BuiltIn"/>,
/// <see cref="ForResolution"/>) or a file (<see cref="Load"/>). Immutable and thread-safe.
/// </summary>
public sealed class VmafModel
{
    /// <summary>libvmaf's default model, for 1080p viewing (<c>version=vmaf_v0.6.1</c>).</summary>
    public const string DefaultVersion = "vmaf_v0.6.1";

    /// <summary>libvmaf's model for 4K viewing (<c>version=vmaf_4k_v0.6.1</c>).</summary>
    public const string FourKVersion = "vmaf_4k_v0.6.1";

    /// <summary>libvmaf's "no enhancement gain" model, which does not reward sharpening (<c>version=vmaf_v0.6.1neg</c>).</summary>
    public const string NoEnhancementGainVersion = "vmaf_v0.6.1neg";

    /// <summary>Pictures with more pixels than this (2560×1440) get the 4K model by default.</summary>
    private const long FourKThresholdPixels = 2560L * 1440;

    private static readonly Dictionary<string, Lazy<VmafModel>> s_builtIn = new(StringComparer.Ordinal)
    {
        [DefaultVersion] = new(() => LoadBuiltIn(DefaultVersion)),
        [FourKVersion] = new(() => LoadBuiltIn(FourKVersion)),
        [NoEnhancementGainVersion] = new(() => LoadBuiltIn(NoEnhancementGainVersion)),
    };

    private readonly double[] _supportVectors; // row-major, one row of Features.Count values per support vector
    private readonly double[] _coefficients;
    private readonly double[] _slopes, _intercepts;
    private readonly double _gamma, _rho;
    private readonly double[]? _transform; // p0, p1, p2
    private readonly bool _transformOutGteIn, _transformOutLteIn;

    private VmafModel(string name, string? path, VmafFeature[] features, double[] slopes, double[] intercepts, double gamma, double rho,
        double[] coefficients, double[] supportVectors, double[]? transform, bool gte, bool lte, bool transformEnabled,
        double clipMin, double clipMax, double vifGainLimit, double admGainLimit, bool clipEnabled)
    {
        Name = name;
        FilePath = path;
        Features = features;
        _slopes = slopes;
        _intercepts = intercepts;
        _gamma = gamma;
        _rho = rho;
        _coefficients = coefficients;
        _supportVectors = supportVectors;
        _transform = transform;
        _transformOutGteIn = gte;
        _transformOutLteIn = lte;
        TransformEnabledByDefault = transformEnabled;
        ScoreClip = clipEnabled ? (clipMin, clipMax) : null;
        VifEnhancementGainLimit = vifGainLimit;
        AdmEnhancementGainLimit = admGainLimit;
    }

    /// <summary>The model's name: the libvmaf version of a built-in model (<c>vmaf_v0.6.1</c>), else the file name without extension.</summary>
    public string Name { get; }

    /// <summary>The file the model was read from; null for a built-in model.</summary>
    public string? FilePath { get; }

    /// <summary>True for one of libvmaf's models built into Ovni.</summary>
    public bool IsBuiltIn => FilePath is null;

    /// <summary>The versions of the built-in models: vmaf_v0.6.1, vmaf_4k_v0.6.1, vmaf_v0.6.1neg.</summary>
    public static IReadOnlyCollection<string> BuiltInVersions => s_builtIn.Keys;

    /// <summary>
    /// One of libvmaf's models, built into Ovni, by its libvmaf version name (<see cref="DefaultVersion"/>,
    /// <see cref="FourKVersion"/>, <see cref="NoEnhancementGainVersion"/>); the same model libvmaf uses for
    /// <c>--model version=NAME</c>, so the scores are the same.
    /// </summary>
    /// <exception cref="OvniException">No built-in model has that name.</exception>
    public static VmafModel BuiltIn(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (s_builtIn.TryGetValue(version, out Lazy<VmafModel>? model)) return model.Value;
        throw new VmafModelException($"No built-in VMAF model '{version}'; built in: {string.Join(", ", s_builtIn.Keys)} (or load a libvmaf JSON model file).", version);
    }

    /// <summary>
    /// The built-in model for pictures of this size, as <see cref="QualityOptions"/> picks it when no model is set:
    /// <see cref="FourKVersion"/> for pictures larger than 2560×1440, otherwise <see cref="DefaultVersion"/>.
    /// </summary>
    public static VmafModel ForResolution(int width, int height) =>
        BuiltIn((long)width * height > FourKThresholdPixels ? FourKVersion : DefaultVersion);

    /// <summary>
    /// A model as libvmaf's tool names it: <c>version=NAME</c> or a bare built-in name gives the built-in model,
    /// <c>path=FILE</c> or any other text a JSON model file.
    /// </summary>
    /// <exception cref="OvniException">Neither a built-in name nor a readable model file.</exception>
    public static VmafModel Resolve(string versionOrPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(versionOrPath);
        if (versionOrPath.StartsWith("version=", StringComparison.Ordinal)) return BuiltIn(versionOrPath["version=".Length..]);
        if (versionOrPath.StartsWith("path=", StringComparison.Ordinal)) return Load(versionOrPath["path=".Length..]);
        if (s_builtIn.ContainsKey(versionOrPath) && !File.Exists(versionOrPath)) return BuiltIn(versionOrPath);
        return Load(versionOrPath);
    }

    /// <summary>The model's features in SVM node order.</summary>
    internal IReadOnlyList<VmafFeature> Features { get; }

    /// <summary>Whether the model file itself asks for the score transform (<c>"enabled": true</c>).</summary>
    public bool TransformEnabledByDefault { get; }

    /// <summary>Whether the model has a score transform at all.</summary>
    public bool HasTransform => _transform is not null;

    /// <summary>The model's score clip range, when it has one.</summary>
    public (double Min, double Max)? ScoreClip { get; }

    /// <summary>VIF enhancement gain limit from the model's feature options (100 unless the model says otherwise).</summary>
    public double VifEnhancementGainLimit { get; }

    /// <summary>ADM enhancement gain limit from the model's feature options (100 unless the model says otherwise).</summary>
    public double AdmEnhancementGainLimit { get; }

    /// <summary>Reads a libvmaf JSON model.</summary>
    /// <exception cref="OvniException">The file is missing or is not a valid libvmaf JSON model.</exception>
    public static VmafModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VmafModelException($"Cannot read VMAF model '{path}': {e.Message}", path, e);
        }
        try
        {
            using var doc = JsonDocument.Parse(text);
            return Parse(Path.GetFileNameWithoutExtension(path), path, doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new VmafModelException($"VMAF model '{path}' is not valid JSON: {e.Message}", path, e);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException)
        {
            throw new VmafModelException($"VMAF model '{path}' is not a libvmaf JSON model: {e.Message}", path, e);
        }
    }

    private static VmafModel LoadBuiltIn(string version)
    {
        using Stream stream = typeof(VmafModel).Assembly.GetManifestResourceStream($"Ovni.Quality.Models.{version}.json")
            ?? throw new InvalidOperationException($"The built-in VMAF model {version} is missing from the Ovni assembly.");
        using var doc = JsonDocument.Parse(stream);
        return Parse(version, null, doc.RootElement);
    }

    private static VmafModel Parse(string name, string? path, JsonElement root)
    {
        var dict = root.GetProperty("model_dict");
        string modelType = dict.TryGetProperty("model_type", out var mt) ? mt.GetString() ?? "" : "";
        if (modelType != "LIBSVMNUSVR")
            throw new FormatException($"model_type '{modelType}' is not supported (only LIBSVMNUSVR)");
        string norm = dict.TryGetProperty("norm_type", out var nt) ? nt.GetString() ?? "none" : "none";

        var names = dict.GetProperty("feature_names").EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
        var features = names.Select(ParseFeature).ToArray();
        int n = features.Length;
        double[] slopes = new double[n + 1], intercepts = new double[n + 1];
        if (norm == "linear_rescale")
        {
            slopes = dict.GetProperty("slopes").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            intercepts = dict.GetProperty("intercepts").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            if (slopes.Length != n + 1 || intercepts.Length != n + 1)
                throw new FormatException($"expected {n + 1} slopes and intercepts, found {slopes.Length} and {intercepts.Length}");
        }
        else if (norm == "none")
        {
            Array.Fill(slopes, 1.0);
        }
        else
        {
            throw new FormatException($"norm_type '{norm}' is not supported");
        }

        ParseLibsvm(dict.GetProperty("model").GetString() ?? "", n, out double gamma, out double rho, out var coefficients, out var supportVectors);

        double[]? transform = null;
        bool gte = false, lte = false, enabled = false;
        if (dict.TryGetProperty("score_transform", out var st))
        {
            transform = [Get(st, "p0"), Get(st, "p1"), Get(st, "p2")];
            gte = IsTrue(st, "out_gte_in");
            lte = IsTrue(st, "out_lte_in");
            enabled = IsTrue(st, "enabled");
        }
        double clipMin = 0, clipMax = 100;
        bool clip = false;
        if (dict.TryGetProperty("score_clip", out var sc) && sc.ValueKind == JsonValueKind.Array)
        {
            clipMin = sc[0].GetDouble();
            clipMax = sc[1].GetDouble();
            clip = true;
        }
        double vifLimit = 100, admLimit = 100;
        if (dict.TryGetProperty("feature_opts_dicts", out var opts))
        {
            foreach (var o in opts.EnumerateArray())
            {
                if (o.TryGetProperty("vif_enhn_gain_limit", out var v)) vifLimit = v.GetDouble();
                if (o.TryGetProperty("adm_enhn_gain_limit", out var a)) admLimit = a.GetDouble();
            }
        }
        return new VmafModel(name, path, features, slopes, intercepts, gamma, rho, coefficients, supportVectors,
            transform, gte, lte, enabled, clipMin, clipMax, vifLimit, admLimit, clip);
    }

    private static double Get(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetDouble() : 0.0;

    private static bool IsTrue(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && (v.ValueKind == JsonValueKind.True ||
            (v.ValueKind == JsonValueKind.String && string.Equals(v.GetString(), "true", StringComparison.OrdinalIgnoreCase)));

    private static VmafFeature ParseFeature(string name) => name switch
    {
        "VMAF_integer_feature_adm2_score" => VmafFeature.Adm2,
        "VMAF_integer_feature_motion2_score" => VmafFeature.Motion2,
        "VMAF_integer_feature_vif_scale0_score" => VmafFeature.VifScale0,
        "VMAF_integer_feature_vif_scale1_score" => VmafFeature.VifScale1,
        "VMAF_integer_feature_vif_scale2_score" => VmafFeature.VifScale2,
        "VMAF_integer_feature_vif_scale3_score" => VmafFeature.VifScale3,
        _ => throw new FormatException($"feature '{name}' is not supported (only libvmaf's integer ADM2/motion2/VIF features)"),
    };

    // libsvm text: header lines ("gamma 0.04", "rho -1.33", ...), then "SV", then "coef idx:value ..." lines.
    private static void ParseLibsvm(string text, int featureCount, out double gamma, out double rho,
        out double[] coefficients, out double[] supportVectors)
    {
        gamma = double.NaN;
        rho = double.NaN;
        var coefs = new List<double>();
        var svs = new List<double>();
        bool inVectors = false;
        string kernel = "";
        foreach (var rawLine in text.Split('\n'))
        {
            string line = rawLine.Trim();
            if (line.Length == 0) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!inVectors)
            {
                switch (parts[0])
                {
                    case "gamma": gamma = double.Parse(parts[1], CultureInfo.InvariantCulture); break;
                    case "rho": rho = double.Parse(parts[1], CultureInfo.InvariantCulture); break;
                    case "kernel_type": kernel = parts[1]; break;
                    case "SV": inVectors = true; break;
                }
                continue;
            }
            coefs.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
            var row = new double[featureCount]; // absent indices mean 0
            for (int i = 1; i < parts.Length; i++)
            {
                int colon = parts[i].IndexOf(':');
                int index = int.Parse(parts[i].AsSpan(0, colon), CultureInfo.InvariantCulture);
                if (index < 1 || index > featureCount)
                    throw new FormatException($"support vector index {index} outside 1..{featureCount}");
                row[index - 1] = double.Parse(parts[i].AsSpan(colon + 1), CultureInfo.InvariantCulture);
            }
            svs.AddRange(row);
        }
        if (kernel != "rbf") throw new FormatException($"kernel_type '{kernel}' is not supported (only rbf)");
        if (double.IsNaN(gamma) || double.IsNaN(rho) || coefs.Count == 0)
            throw new FormatException("libsvm model text lacks gamma, rho or support vectors");
        coefficients = coefs.ToArray();
        supportVectors = svs.ToArray();
    }

    /// <summary>Predicts the VMAF score from raw feature values given in <see cref="Features"/> order.</summary>
    /// <param name="features">Raw feature values (one per model feature).</param>
    /// <param name="enableTransform">Applies the model's score transform (libvmaf: off unless the model enables it).</param>
    /// <param name="clip">Clips to the model's score range (libvmaf: on).</param>
    internal double Predict(ReadOnlySpan<double> features, bool enableTransform = false, bool clip = true)
    {
        int n = Features.Count;
        if (features.Length != n)
            throw new ArgumentException($"The model expects {n} features, got {features.Length}.", nameof(features));
        Span<double> x = stackalloc double[n];
        for (int j = 0; j < n; j++)
            x[j] = _slopes[j + 1] * features[j] + _intercepts[j + 1];

        double y = 0;
        for (int k = 0; k < _coefficients.Length; k++)
        {
            var sv = _supportVectors.AsSpan(k * n, n);
            double distance = 0;
            for (int j = 0; j < n; j++)
            {
                double d = x[j] - sv[j];
                distance += d * d;
            }
            y += _coefficients[k] * Math.Exp(-_gamma * distance);
        }
        y -= _rho;
        double score = (y - _intercepts[0]) / _slopes[0];

        if (enableTransform && _transform is not null)
        {
            double z = _transform[0] + _transform[1] * score + _transform[2] * score * score;
            if (_transformOutGteIn) z = Math.Max(z, score);
            if (_transformOutLteIn) z = Math.Min(z, score);
            score = z;
        }
        if (clip && ScoreClip is { } range)
            score = Math.Clamp(score, range.Min, range.Max);
        return score;
    }
}
