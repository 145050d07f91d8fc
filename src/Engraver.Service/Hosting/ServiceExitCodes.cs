using System.Data.Common;
using Engraver.Core.Firmware;
using Engraver.Hardware.Camera;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Serial;
using Engraver.Service.Station;
using Engraver.Traceability.Leases;
using Engraver.Traceability.Records;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Hosting;

/// <summary>The service's exit codes, one per kind of fatal fault, so the service manager can tell a
/// fault worth a restart (controller, camera, store) from a configuration that will fail the same way
/// again. Documented in the README ("Faults and exit codes") and used by deploy/engraver.service.</summary>
public static class ServiceExitCodes
{
    /// <summary>Stopped when told to (SIGTERM, service stop, Ctrl+C).</summary>
    public const int Stopped = 0;

    /// <summary>A fault of no known kind.</summary>
    public const int UnexpectedFault = 1;

    /// <summary>A setting is invalid or names something that is not there (the tray's fixture keys out of the
    /// controller's travel among them); a restart would fail the same way.</summary>
    public const int ConfigurationInvalid = 2;

    /// <summary>The laser controller: its port cannot be opened, the handshake failed, homing ended in an
    /// alarm, the link was lost.</summary>
    public const int ControllerFault = 3;

    /// <summary>The verification camera cannot be opened or gives no picture.</summary>
    public const int CameraFault = 4;

    /// <summary>The record store cannot be opened, or a record cannot be written.</summary>
    public const int RecordStoreFault = 5;

    /// <summary>Another live process holds this Station:Id on the same record store (the station's lease); this
    /// one wrote nothing. Two installs with one id is a deployment mistake a restart does not fix.</summary>
    public const int StationIdInUse = 6;

    /// <summary>The exit code for the fault that stopped the service.</summary>
    public static int For(Exception fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return fault switch
        {
            AggregateException { InnerExceptions.Count: 1 } one => For(one.InnerExceptions[0]),
            AggregateException { InnerExceptions.Count: > 1 } all when all.InnerExceptions.All(e => For(e) == ConfigurationInvalid) => ConfigurationInvalid,
            ConfigurationInvalidException => ConfigurationInvalid,
            StationLeaseHeldException => StationIdInUse,
            OptionsValidationException or StationConfigurationException or FirmwareProfileException or TrayOutOfReachException => ConfigurationInvalid,
            Recipes.RecipeFolderInvalidException or Recipes.RecipeOutOfReachException => ConfigurationInvalid,
            InvalidOperationException unknownKey when IsUnknownConfigurationKey(unknownKey) => ConfigurationInvalid,
            GrblException or SerialLinkException => ControllerFault,
            CameraUnavailableException => CameraFault,
            RecordStoreUnavailableException or RecordNotWrittenException or DbException or CorruptRecordException or UnsupportedSchemaVersionException => RecordStoreFault,
            _ => UnexpectedFault,
        };
    }

    /// <summary>The configuration binder's refusal of a key no option has (ErrorOnUnknownConfiguration) or of a
    /// value it cannot convert to the option's type.</summary>
    private static bool IsUnknownConfigurationKey(InvalidOperationException e) =>
        e.Message.Contains(nameof(Microsoft.Extensions.Configuration.BinderOptions.ErrorOnUnknownConfiguration), StringComparison.Ordinal)
        || e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal);
}
