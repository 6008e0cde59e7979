namespace Ovni.Encoding.Library;

/// <summary>The CRF from the configuration, for every file. With a VMAF target it is the starting point that
/// verification checks (the measured VMAF must reach target − tolerance).</summary>
public sealed class FixedCrfChooser : ICrfChooser
{
    /// <inheritdoc />
    public bool IsSearch => false;

    /// <inheritdoc />
    public Task<CrfChoice> ChooseAsync(CrfRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new CrfChoice(request.FallbackCrf, Note: $"fixed CRF {request.FallbackCrf}"));
    }
}
