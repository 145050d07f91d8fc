using Engraver.Service.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
HostedServiceFaults? workers = null;
try
{
    using var host = EngraverHost.CreateBuilder(args).Build();
    // Every bad key at once, before an option is bound (binding stops at the first).
    ConfigurationErrors.ThrowIfInvalid(host.Services.GetRequiredService<IConfiguration>(), host.Services);
    DataFolderLocation.LogAtStart(host.Services);
    // Every recipe file checked before anything opens: a bad one stops the service here, one line per problem.
    _ = host.Services.GetRequiredService<Engraver.Service.Recipes.StationRecipes>().Book;
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
    var problems = ConfigurationErrors.Lines(fault);
    if (problems.Count == 0)
    {
        Log.Fatal(fault, what + " (exit code {ExitCode})", code);
        return code;
    }

    // A refused configuration is told on the console one line per key; the log file gets the whole fault.
    foreach (var problem in problems)
    {
        Console.Error.WriteLine(ConfigurationErrors.LinePrefix + problem);
    }

    Console.Error.WriteLine(fault is Engraver.Service.Recipes.RecipeFolderInvalidException recipes
        ? $"The Engraver service did not start: fix the recipe files in {recipes.Folder} (`engraver recipe check` checks them). Exit code {code}."
        : $"The Engraver service did not start: fix the configuration (appsettings.json, ENGRAVER_ variables, the command line). Exit code {code}.");
    Log.ForContext(NotShownOnConsole.Property, true)
        .Fatal(fault, what + ": the configuration is invalid (exit code {ExitCode}): {Problems}", code, problems);
    return code;
}
