// Target-quality measurements: `accuracy` (search + encode + full verification per input × encoder × target, one JSON line
// per case appended to a results file, done cases skipped), `table` (the README's table and the goals' summary from that
// file) and `speed` (search, encode and sampled verification timed in one run per encoder).
using Ovni.TargetQualityBench;

return args switch
{
    ["accuracy", ..] => await AccuracyRun.RunAsync(Arguments.Parse(args[1..])),
    ["table", ..] => ResultTable.Print(Arguments.Parse(args[1..])),
    ["speed", ..] => await SpeedRun.RunAsync(Arguments.Parse(args[1..])),
    ["calibrate", ..] => await Calibration.RunAsync(Arguments.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Ovni.TargetQualityBench accuracy --inputs DIR --work DIR [--encoders libx264:fast,libx265:fast,libsvtav1:10] [--targets 90,95] [--only NAME,...] [--order inputs|balanced]
               Ovni.TargetQualityBench table --work DIR
               Ovni.TargetQualityBench speed --input FILE --work DIR [--encoders ...] [--target 95]
        """);
    return 2;
}
