namespace Ovni.Cli.Commands;

/// <summary>Turns Ovni's exceptions into one readable line and an exit code, never a stack trace.</summary>
internal static class CliErrors
{
    internal const int Failure = 1;
    internal const int Cancelled = 130;

    internal static int Run(Func<int> action)
    {
        try { return action(); }
        catch (OvniException e) { return Report(e.Message); }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException) { return ReportUnexpected(e); }
    }

    internal static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try { return await action(); }
        catch (OperationCanceledException) { return ReportCancelled(); }
        catch (OvniException e) { return Report(e.Message); }
        catch (Exception e) when (e is not OutOfMemoryException) { return ReportUnexpected(e); }
    }

    /// <summary>
    /// A failure Ovni did not foresee (a bug, or a library's error no caller wrapped) still ends in one line and exit code 1;
    /// the stack trace only with OVNI_DEBUG=1, for the bug report.
    /// </summary>
    private static int ReportUnexpected(Exception e)
    {
        Console.Error.WriteLine($"ovni: error: unexpected {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        if (Environment.GetEnvironmentVariable("OVNI_DEBUG") == "1") Console.Error.WriteLine(e);
        else Console.Error.WriteLine("ovni: this is a bug or an unwrapped error; run again with OVNI_DEBUG=1 for the details to report.");
        return Failure;
    }

    private static int ReportCancelled()
    {
        if (CliTermination.Current?.Finished() ?? true) CliTermination.PrintCancelled();
        else Thread.Sleep(Timeout.Infinite); // the forced exit has the floor: it prints and ends the process
        return CliTermination.Current?.ExitCode ?? Cancelled;
    }

    private static int Report(string message)
    {
        Console.Error.WriteLine($"ovni: error: {message}");
        return Failure;
    }
}
