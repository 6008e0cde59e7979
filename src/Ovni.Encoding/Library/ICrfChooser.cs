namespace Ovni.Encoding.Library;

/// <summary>
/// Chooses the CRF for one file. <see cref="FixedCrfChooser"/> answers the configured CRF; the target-quality search
/// (Ovni.Encoding's <c>TargetQualitySearch</c>, VMAF-targeted with its SQLite cache) plugs in here so that every file
/// gets the highest CRF that still meets <see cref="AutoEncodeOptions.TargetVmaf"/>.
/// </summary>
public interface ICrfChooser
{
    /// <summary>True when the choice costs VMAF work (the runner then holds a VMAF slot and shows the "searching" phase).</summary>
    bool IsSearch { get; }

    /// <summary>Chooses the CRF for <paramref name="request"/>.</summary>
    Task<CrfChoice> ChooseAsync(CrfRequest request, IProgress<double>? progress, CancellationToken cancellationToken);
}
