using Engraver.Service.Hosting;
using Microsoft.Extensions.Hosting;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    using var host = EngraverHost.CreateBuilder(args).Build();
    await host.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (Exception fault)
{
    Log.Fatal(fault, "The Engraver service stopped");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync().ConfigureAwait(false);
}
