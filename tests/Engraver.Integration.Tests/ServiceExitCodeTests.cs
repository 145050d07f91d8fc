using Engraver.Integration.Tests.Support;
using Engraver.Service.Hosting;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>The service process ends with the documented non-zero code for each kind of fatal fault, so a
/// service manager restarts it (and does not for a configuration that cannot work).</summary>
public class ServiceExitCodeTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_controller_port_that_cannot_be_opened_exits_with_the_controller_code()
    {
        using var folder = new TempFolder();

        var (code, output) = await RunUntilExitAsync(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = folder.Path,
            ["Controller:Port"] = Path.Combine(folder.Path, "no-such-tty"),
            // The camera twin of a firmware simulator's log: a camera the configuration allows with a real port.
            ["Camera:ExecutedLogPath"] = Path.Combine(folder.Path, "executed.log"),
        });

        Assert.True(code == ServiceExitCodes.ControllerFault, $"exit {code}\n{output}");
        Assert.Contains("no-such-tty", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_simulated_camera_with_a_real_controller_and_nothing_to_photograph_exits_with_the_configuration_code()
    {
        using var folder = new TempFolder();

        var (code, output) = await RunUntilExitAsync(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = folder.Path,
            ["Controller:Port"] = Path.Combine(folder.Path, "ttyUSB0"),
        });

        Assert.True(code == ServiceExitCodes.ConfigurationInvalid, $"exit {code}\n{output}");
        Assert.Contains("Camera:ExecutedLogPath", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_camera_that_gives_no_picture_at_start_exits_with_the_camera_code_naming_the_device_index()
    {
        using var folder = new TempFolder();

        var (code, output) = await RunUntilExitAsync(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = folder.Path,
            ["Camera:Kind"] = "OpenCv",
            ["Camera:DeviceIndex"] = "63",
        });

        Assert.True(code == ServiceExitCodes.CameraFault, $"exit {code}\n{output}");
        Assert.Contains("Camera:DeviceIndex 63", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Homing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_store_in_a_folder_that_cannot_be_created_exits_with_the_store_code()
    {
        using var folder = new TempFolder();
        var notAFolder = Path.Combine(folder.Path, "a-file");
        await File.WriteAllTextAsync(notAFolder, "this is a file, so no folder can be made inside it");

        var (code, output) = await RunUntilExitAsync(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = Path.Combine(notAFolder, "data"),
        });

        Assert.True(code == ServiceExitCodes.RecordStoreFault, $"exit {code}\n{output}");
        Assert.Contains("record store", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signing_key_that_others_may_read_exits_with_the_store_code_saying_how_to_fix_it()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var folder = new TempFolder();
        var key = Path.Combine(folder.Path, "data", "keys", "records-signing.pem");
        Engraver.Traceability.Anchoring.SigningKeys.LoadOrCreate(key).Dispose();
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var (code, output) = await RunUntilExitAsync(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = Path.Combine(folder.Path, "data"),
        });

        Assert.True(code == ServiceExitCodes.RecordStoreFault, $"exit {code}\n{output}");
        Assert.Contains($"run `chmod 600 {key}`", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder.Path, "data", "records.db")), "nothing of the station is written with a key others can read");
    }

    [Fact]
    public async Task A_postgresql_server_that_does_not_answer_exits_with_the_store_code()
    {
        using var folder = new TempFolder();

        var (code, output) = await RunUntilExitAsync(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = folder.Path,
            ["Records:PostgresConnectionString"] = "Host=127.0.0.1;Port=1;Username=engraver;Database=engraver;Timeout=3",
        });

        Assert.True(code == ServiceExitCodes.RecordStoreFault, $"exit {code}\n{output}");
    }

    [Theory]
    [InlineData("Controller:BaudRate", "12")]
    [InlineData("Controller:NoSuchKey", "1")]
    [InlineData("Station:FirmwareProfile", "no-such-firmware")]
    public async Task An_invalid_setting_exits_with_the_configuration_code_naming_the_key(string key, string value)
    {
        using var folder = new TempFolder();

        var (code, output) = await RunUntilExitAsync(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = folder.Path,
            [key] = value,
        });

        Assert.True(code == ServiceExitCodes.ConfigurationInvalid, $"exit {code}\n{output}");
        Assert.Contains(key.Split(':')[1], output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_bad_keys_are_told_one_line_each_without_a_stack_trace_and_exit_with_the_configuration_code()
    {
        using var folder = new TempFolder();

        var (code, output) = await RunUntilExitAsync(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = folder.Path,
            ["Controller:BaudRate"] = "fast",
            ["Camera:WidthPx"] = "5",
            ["Fixture:Rowz"] = "4",
        });

        Assert.True(code == ServiceExitCodes.ConfigurationInvalid, $"exit {code}\n{output}");
        var lines = output.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith(ConfigurationErrors.LinePrefix, StringComparison.Ordinal)).ToList();
        Assert.Contains("Configuration error: Controller:BaudRate = \"fast\": not a whole number; allowed 9600..2000000", lines);
        Assert.Contains(lines, l => l.Contains("Camera:WidthPx = \"5\": out of range; allowed 64..8192", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Fixture:Rowz: not a key of Fixture", StringComparison.Ordinal));
        Assert.Equal(3, lines.Count);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_configuration_section_exits_with_the_configuration_code_naming_it_and_the_section_meant()
    {
        using var folder = new TempFolder();

        var (code, output) = await RunUntilExitAsync(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = folder.Path,
            ["Record:HmacKey"] = "a-key-meant-for-the-records",
        });

        Assert.True(code == ServiceExitCodes.ConfigurationInvalid, $"exit {code}\n{output}");
        Assert.Contains("'Record'", output, StringComparison.Ordinal);
        Assert.Contains("Did you mean Records?", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kestrel_endpoint_beyond_loopback_without_users_exits_with_the_configuration_code_naming_the_key()
    {
        using var folder = new TempFolder();

        using var service = ServiceProcess.StartUnstarted(new Dictionary<string, string>
        {
            ["Station:DataFolder"] = folder.Path,
            ["Kestrel:Endpoints:Http:Url"] = "http://0.0.0.0:0",
        });
        var code = await service.WaitForExitAsync(Generous);

        Assert.True(code == ServiceExitCodes.ConfigurationInvalid, $"exit {code}\n{service.Output}");
        Assert.Contains("Kestrel:Endpoints:Http:Url", service.Output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> RunUntilExitAsync(IReadOnlyDictionary<string, string> settings)
    {
        using var service = ServiceProcess.Start(settings);
        var code = await service.WaitForExitAsync(Generous);
        return (code, service.Output);
    }
}
