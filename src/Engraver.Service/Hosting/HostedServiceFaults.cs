using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Engraver.Service.Hosting;

/// <summary>The background services of a host (the station worker), taken before the host runs: running a
/// host disposes its services, and a worker that failed only leaves its fault on its task.</summary>
public sealed class HostedServiceFaults
{
    private readonly BackgroundService[] _services;

    private HostedServiceFaults(BackgroundService[] services) => _services = services;

    public static HostedServiceFaults Watch(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new HostedServiceFaults([.. services.GetServices<IHostedService>().OfType<BackgroundService>()]);
    }

    /// <summary>The fault that ended the first background service that failed, or null.</summary>
    public Exception? First() =>
        _services.Select(s => s.ExecuteTask).FirstOrDefault(t => t is { IsFaulted: true })?.Exception is { } failed
            ? failed.InnerExceptions.Count == 1 ? failed.InnerExceptions[0] : failed
            : null;
}
