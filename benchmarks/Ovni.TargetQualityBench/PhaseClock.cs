// Wall and CPU time of this process at each change of phase of a target-quality encode (search phases, then "encode",
// "verify"), recorded synchronously as the phases begin (Progress<T> would post them later on the thread pool).
using System.Diagnostics;
using Ovni.Encoding;

namespace Ovni.TargetQualityBench;

internal sealed class PhaseClock : IProgress<TargetQualityProgress>
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly List<(string Phase, double Wall, double Cpu)> _marks = [];

    public void Report(TargetQualityProgress value)
    {
        lock (_marks)
            if (_marks.Count == 0 || _marks[^1].Phase != value.Phase)
                _marks.Add((value.Phase, _wall.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - _cpu0).TotalSeconds));
    }

    /// <summary>Marks the end of the run.</summary>
    public void Stop() => Report(new TargetQualityProgress("end", 1, ""));

    /// <summary>Wall and CPU seconds from the start of the first phase named <paramref name="from"/> to the next phase after it.</summary>
    public (double Wall, double Cpu) Span(string from)
    {
        lock (_marks)
        {
            int i = _marks.FindIndex(m => m.Phase == from);
            if (i < 0 || i + 1 >= _marks.Count) return (double.NaN, double.NaN);
            return (_marks[i + 1].Wall - _marks[i].Wall, _marks[i + 1].Cpu - _marks[i].Cpu);
        }
    }

    /// <summary>Wall and CPU seconds from the start until the first phase named <paramref name="until"/>.</summary>
    public (double Wall, double Cpu) Until(string until)
    {
        lock (_marks)
        {
            int i = _marks.FindIndex(m => m.Phase == until);
            return i < 0 ? (double.NaN, double.NaN) : (_marks[i].Wall, _marks[i].Cpu);
        }
    }

    /// <summary>Wall and CPU seconds of each search phase (before the encode), for the profile.</summary>
    public IEnumerable<(string Phase, double Wall, double Cpu)> SearchPhases()
    {
        lock (_marks)
        {
            var list = new List<(string, double, double)>();
            for (int i = 0; i + 1 < _marks.Count && _marks[i].Phase != "encode"; i++)
                list.Add((_marks[i].Phase, _marks[i + 1].Wall - _marks[i].Wall, _marks[i + 1].Cpu - _marks[i].Cpu));
            return list;
        }
    }
}
