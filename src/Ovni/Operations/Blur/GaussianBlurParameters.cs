// Why: the definition of a blur request: which sigmas are valid, which mean "leave the frame alone", and the
// kernel radius that follows, checked once per frame before any pixel is touched.
namespace Ovni.Operations;

/// <summary>A Gaussian blur for one frame.</summary>
/// <param name="Sigma">Standard deviation in plane pixels, 0.1..64.</param>
public readonly record struct GaussianBlurParameters(double Sigma)
{
    /// <summary>Smallest sigma that blurs; below it the operation leaves the frame unchanged.</summary>
    public const double MinSigma = 0.1;

    /// <summary>Largest sigma (radius 192).</summary>
    public const double MaxSigma = 64;

    /// <summary>Taps each side of the centre: ceil(3 sigma), at least 1.</summary>
    public int Radius => Math.Max(1, (int)Math.Ceiling(3 * Sigma));

    /// <summary>The blur for <paramref name="sigma"/>, or null when it is below <see cref="MinSigma"/> (no-op).</summary>
    /// <exception cref="FrameOperationException">Sigma is not finite or above <see cref="MaxSigma"/>.</exception>
    public static GaussianBlurParameters? Resolve(double sigma)
    {
        if (!double.IsFinite(sigma) || sigma > MaxSigma)
            throw new FrameOperationException($"GaussianBlur: sigma {sigma} must be a finite number of pixels up to {MaxSigma}.");
        return sigma < MinSigma ? null : new GaussianBlurParameters(sigma);
    }
}
