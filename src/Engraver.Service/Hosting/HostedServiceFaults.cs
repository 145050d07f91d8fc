using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Engraver.Service.Hosting;

/// <summary>Finds the fault that ended a background service (the station worker) after the host stopped.</summary>
public static class HostedServiceFaults
{
    public static Exception? First(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetServices<IHostedService>()
            .OfType<BackgroundService>()
            .Select(s => s.ExecuteTask)
            .FirstOrDefault(t => t is { IsFaulted: true })
            ?.Exception is { } failed
            ? failed.InnerExceptions.Count == 1 ? failed.InnerExceptions[0] : failed
            : null;
    }
}
