using Engraver.Core.Firmware;
using Engraver.Core.Machine;
using Engraver.Hardware.Camera;
using Engraver.Hardware.Grbl;
using Engraver.Hardware.Serial;
using Engraver.Service.Hosting;
using Engraver.Service.Station;
using Engraver.Traceability.Leases;
using Microsoft.Extensions.Options;
using Xunit;

namespace Engraver.Service.Tests.Options;

/// <summary>Each kind of fatal fault maps to its documented exit code; none maps to 0.</summary>
public sealed class ServiceExitCodesTests
{
    public static TheoryData<Exception, int> Faults => new()
    {
        { new OptionsValidationException("Controller", typeof(object), ["BaudRate out of range"]), ServiceExitCodes.ConfigurationInvalid },
        { new StationConfigurationException("Station:FirmwareProfile 'x' has no profile file"), ServiceExitCodes.ConfigurationInvalid },
        { new FirmwareProfileException("bad profile"), ServiceExitCodes.ConfigurationInvalid },
        { new TrayOutOfReachException(["slot 23 under the camera: X 10 is beyond the travel"], MachineTravel.FromMaxTravel(100, 100, 10, softLimitsEnabled: true)), ServiceExitCodes.ConfigurationInvalid },
        { new SerialLinkException("Cannot open serial port /dev/ttyUSB9"), ServiceExitCodes.ControllerFault },
        { new GrblTimeoutException("no banner"), ServiceExitCodes.ControllerFault },
        { new GrblAlarmException(9, "Homing fail"), ServiceExitCodes.ControllerFault },
        { new CameraUnavailableException("No camera answered at Camera:DeviceIndex 0"), ServiceExitCodes.CameraFault },
        { new RecordStoreUnavailableException("cannot open", new IOException("disk")), ServiceExitCodes.RecordStoreFault },
        { new RecordNotWrittenException("not written", new IOException("disk")), ServiceExitCodes.RecordStoreFault },
        { new AggregateException(new CameraUnavailableException("gone")), ServiceExitCodes.CameraFault },
        { new StationLeaseHeldException("station-1", new StationLeaseHolder("station-1", "line-2", 4242, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), "records.db"), ServiceExitCodes.StationIdInUse },
        { new InvalidOperationException("Failed to convert configuration value 'fast' at 'Controller:BaudRate' to type 'System.Int32'."), ServiceExitCodes.ConfigurationInvalid },
        { new ConfigurationInvalidException(["Controller:BaudRate = \"fast\": not a whole number"]), ServiceExitCodes.ConfigurationInvalid },
        { new AggregateException(new OptionsValidationException("Api", typeof(object), ["a"]), new OptionsValidationException("Camera", typeof(object), ["b"])), ServiceExitCodes.ConfigurationInvalid },
        { new AggregateException(new OptionsValidationException("Api", typeof(object), ["a"]), new CameraUnavailableException("gone")), ServiceExitCodes.UnexpectedFault },
        { new InvalidOperationException("something unforeseen"), ServiceExitCodes.UnexpectedFault },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Each_kind_of_fatal_fault_has_its_own_non_zero_exit_code(Exception fault, int expected)
    {
        var code = ServiceExitCodes.For(fault);

        Assert.Equal(expected, code);
        Assert.NotEqual(ServiceExitCodes.Stopped, code);
    }
}
