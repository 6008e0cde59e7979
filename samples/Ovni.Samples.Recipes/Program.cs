// The README's recipes as one program: Ovni.Samples.Recipes promo CLIP OUT | vmaf REF DIST | hdr IN OUT.
// Ctrl+C stops any of them; the HDR recipe shows how (Recipes.TranscodeHdrAsync).
using Ovni.Samples.Recipes;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
switch (args)
{
    case ["promo", var clip, var output]: await Recipes.RenderPromoAsync(clip, output, cancel.Token); break;
    case ["vmaf", var reference, var distorted]: await Recipes.ScoreVmafAsync(reference, distorted, cancel.Token); break;
    case ["hdr", var input, var output]: return await Recipes.TranscodeHdrAsync(input, output);
    default:
        Console.Error.WriteLine("usage: Ovni.Samples.Recipes promo CLIP OUT | vmaf REF DIST | hdr IN OUT");
        return 2;
}
return 0;
