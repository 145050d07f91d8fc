using System.ServiceProcess;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Engraver.Service.Hosting;

/// <summary>Under the Windows service control manager the process's exit code is not what it reads: the
/// service reports its own exit code when it signals Stopped. So when the host stops because the station
/// worker failed, that code is set on the service before it signals, and with <c>sc.exe failureflag
/// Engraver 1</c> the recovery actions restart it.</summary>
internal static class WindowsServiceExitCode
{
    public static void ReportFaultsOnStop(IHost host, HostedServiceFaults workers)
    {
        if (!OperatingSystem.IsWindows() || host.Services.GetService<IHostLifetime>() is not ServiceBase service)
        {
            return;
        }

        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() =>
        {
            if (OperatingSystem.IsWindows() && workers.First() is { } fault)
            {
                service.ExitCode = ServiceExitCodes.For(fault);
            }
        });
    }
}
