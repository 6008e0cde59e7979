// Raw per-frame results of the extractors, before motion2 and the model combine them.
namespace Ovni.Quality;

internal struct FrameFeatures
{
    public int FrameNumber;
    public bool Scored;
    public double Adm2, Motion, Vif0, Vif1, Vif2, Vif3;
    public double PsnrY, PsnrCb, PsnrCr, Ssim;
}
