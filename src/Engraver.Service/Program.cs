using Engraver.Service.Hosting;
using Microsoft.Extensions.Hosting;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    using var host = EngraverHost.CreateBuilder(args).Build();
    await host.RunAsync().ConfigureAwait(false);

    // A station worker that fails stops the host, and RunAsync then returns as after a normal stop:
    // the fault is read from the worker, so the service manager sees a non-zero code and restarts.
    if (HostedServiceFaults.First(host.Services) is { } fault)
    {
        var code = ServiceExitCodes.For(fault);
        Log.Fatal(fault, "The Engraver service stopped by a fault (exit code {ExitCode})", code);
        return code;
    }

    return ServiceExitCodes.Stopped;
}
catch (Exception fault)
{
    var code = ServiceExitCodes.For(fault);
    Log.Fatal(fault, "The Engraver service stopped (exit code {ExitCode})", code);
    return code;
}
finally
{
    await Log.CloseAndFlushAsync().ConfigureAwait(false);
}
