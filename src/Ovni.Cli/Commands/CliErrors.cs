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
    }

    internal static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try { return await action(); }
        catch (OperationCanceledException) { return ReportCancelled(); }
        catch (OvniException e) { return Report(e.Message); }
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
