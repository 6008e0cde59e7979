// Why: the per-frame features become scores only when every frame is in: motion2 is the minimum of a frame's motion
// and the next one's, the model predicts VMAF from the features, and every metric is pooled over the scored frames, as
// libvmaf does when it flushes.
namespace Ovni.Quality;

/// <summary>Turns the extractors' per-frame features into a <see cref="QualityResult"/>.</summary>
internal static class QualityResultBuilder
{
    /// <summary>
    /// Scores of the scored frames among <paramref name="features"/> (in frame order); VMAF with <paramref name="model"/>
    /// when <paramref name="metrics"/> include it and there is a model, NaN otherwise.
    /// </summary>
    public static QualityResult Build(IReadOnlyList<FrameFeatures> features, int added, QualityMetrics metrics, VmafModel? model, QualityOptions options)
    {
        var scored = features.Where(f => f.Scored).ToArray();
        bool vmaf = metrics.HasFlag(QualityMetrics.Vmaf) && model is not null;
        bool transform = options.EnableTransform ?? model?.TransformEnabledByDefault ?? false;
        var frames = new QualityFrameScores[scored.Length];
        Span<double> modelInput = stackalloc double[model?.Features.Count ?? 0];
        for (int k = 0; k < scored.Length; k++)
        {
            ref var f = ref scored[k];
            double motion2 = k + 1 < scored.Length ? Math.Min(f.Motion, scored[k + 1].Motion) : f.Motion;
            double score = double.NaN;
            if (vmaf)
            {
                for (int j = 0; j < modelInput.Length; j++)
                {
                    modelInput[j] = model!.Features[j] switch
                    {
                        VmafFeature.Adm2 => f.Adm2,
                        VmafFeature.Motion2 => motion2,
                        VmafFeature.VifScale0 => f.Vif0,
                        VmafFeature.VifScale1 => f.Vif1,
                        VmafFeature.VifScale2 => f.Vif2,
                        _ => f.Vif3,
                    };
                }
                score = model!.Predict(modelInput, transform, options.Clip);
            }
            frames[k] = new QualityFrameScores
            {
                FrameNumber = f.FrameNumber, Vmaf = score, Adm2 = f.Adm2, Motion2 = vmaf ? motion2 : double.NaN, Motion = f.Motion,
                VifScale0 = f.Vif0, VifScale1 = f.Vif1, VifScale2 = f.Vif2, VifScale3 = f.Vif3,
                PsnrY = f.PsnrY, PsnrCb = f.PsnrCb, PsnrCr = f.PsnrCr, Ssim = f.Ssim,
            };
        }
        var pooled = new Dictionary<string, PooledScore>();
        var values = new double[frames.Length];
        foreach (var (name, get) in QualityMetricNames.All)
        {
            bool any = false;
            for (int k = 0; k < frames.Length; k++)
            {
                values[k] = get(frames[k]);
                any |= !double.IsNaN(values[k]);
            }
            if (any) pooled[name] = PooledScore.From(values);
        }
        return new QualityResult { Frames = frames, Pooled = pooled, ReferenceFrameCount = added, DistortedFrameCount = added, Model = vmaf ? model : null };
    }
}
