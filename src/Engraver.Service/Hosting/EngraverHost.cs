using Engraver.Core.Station;
using Engraver.Service.Api;
using Engraver.Service.Jobs;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Engraver.Traceability.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog;

namespace Engraver.Service.Hosting;

/// <summary>The composition root shared by the service and the CLI: configuration from appsettings.json
/// beside the program (plus ENGRAVER_ environment variables and the command line), Serilog, validated
/// options, the station worker and its job queue, and the local API (Kestrel on Api:Urls).</summary>
public static class EngraverHost
{
    /// <summary>Environment variables read as configuration: ENGRAVER_Records__HmacKey is Records:HmacKey.</summary>
    public const string EnvironmentPrefix = "ENGRAVER_";

    public static WebApplicationBuilder CreateBuilder(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        DefaultLogFileIntoDataFolder(builder.Configuration);

        builder.Services.AddSystemd();
        // The station worker finishes the pin in hand when told to stop: give it its grace and a margin.
        var grace = builder.Configuration.GetValue<int?>($"{StationOptions.Section}:{nameof(StationOptions.StopGraceSeconds)}") ?? new StationOptions().StopGraceSeconds;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(Math.Clamp(grace, 0, 600) + 10));
        builder.Services.AddWindowsService(o => o.ServiceName = "Engraver");
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Station", builder.Configuration[$"{StationOptions.Section}:Id"] ?? new StationOptions().Id));

        AddValidatedOptions<StationOptions>(builder, StationOptions.Section);
        AddValidatedOptions<ControllerOptions>(builder, ControllerOptions.Section);
        AddValidatedOptions<CameraOptions>(builder, CameraOptions.Section);
        AddValidatedOptions<FixtureOptions>(builder, FixtureOptions.Section);
        AddValidatedOptions<RecordStoreOptions>(builder, RecordStoreOptions.SectionName);
        AddValidatedOptions<StationIoOptions>(builder, StationIoOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<StationIoOptions>, StationIoOptionsValidator>();
        AddValidatedOptions<ApiOptions>(builder, ApiOptions.Section);
        AddValidatedOptions<SimulatorTwinOptions>(builder, SimulatorTwinOptions.Section);
        builder.Services.AddOptions<KnownConfigurationSections>().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KnownConfigurationSections>, KnownConfigurationSectionsValidator>();
        ApiHosting.AddEngraverApi(builder);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<StationStateMachine>();
        builder.Services.AddSingleton<QueueStatus>();
        builder.Services.AddSingleton<Calibration.CameraCalibrationFile>();
        builder.Services.AddSingleton<StationRigFactory>();
        builder.Services.AddSingleton<Recipes.StationRecipes>();
        builder.Services.AddSingleton<SimulatedDevices>();
        builder.Services.AddSingleton<StationIoFactory>();
        builder.Services.AddSingleton<ControllerConnector>();
        builder.Services.AddHostedService<StationWorker>();
        return builder;
    }

    /// <summary>The File sink (Serilog:WriteTo:1) writes under the data folder unless its path is configured: the
    /// default goes in as the first (weakest) source, so appsettings.json, ENGRAVER_ variables and the command
    /// line still name another path.</summary>
    private static void DefaultLogFileIntoDataFolder(ConfigurationManager configuration)
    {
        const string sink = "Serilog:WriteTo:1";
        if (!string.Equals(configuration[sink + ":Name"], "File", StringComparison.OrdinalIgnoreCase) || configuration[sink + ":Args:path"] is not null)
        {
            return;
        }

        var dataFolder = DataFolderLocation.ForThisProcess(configuration[DataFolderLocation.Key]);
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = [new(sink + ":Args:path", DataFolderLocation.LogFilePattern(dataFolder))],
        });
    }

    private static void AddValidatedOptions<T>(WebApplicationBuilder builder, string section)
        where T : class
    {
        builder.Services.AddOptions<T>()
            .Bind(builder.Configuration.GetSection(section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }
}
