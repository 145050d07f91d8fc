using Engraver.Service.Hosting;
using Microsoft.Extensions.Hosting;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
HostedServiceFaults? workers = null;
try
{
    using var host = EngraverHost.CreateBuilder(args).Build();
    workers = HostedServiceFaults.Watch(host.Services);
    WindowsServiceExitCode.ReportFaultsOnStop(host, workers);
    await host.RunAsync().ConfigureAwait(false);

    // A station worker that fails stops the host, and RunAsync then returns as after a normal stop:
    // the fault is read from the worker, so the service manager sees a non-zero code and restarts.
    if (workers.First() is { } fault)
    {
        return Fatal(fault, "The Engraver service stopped by a fault");
    }

    return ServiceExitCodes.Stopped;
}
catch (Exception fault)
{
    // A worker that failed while the host was starting is the cause; what the host threw follows from it.
    return Fatal(workers?.First() ?? fault, "The Engraver service stopped");
}
finally
{
    await Log.CloseAndFlushAsync().ConfigureAwait(false);
}

static int Fatal(Exception fault, string what)
{
    var code = ServiceExitCodes.For(fault);
    Log.Fatal(fault, what + " (exit code {ExitCode})", code);
    return code;
}
