using Engraver.Integration.Tests.Support;
using Engraver.Traceability.Sqlite;
using Xunit;

namespace Engraver.Integration.Tests;

/// <summary>`engraver job submit` at the door: what a job file or an option may hold, and how large a file may be.</summary>
public class JobFileInputTests
{
    [Fact]
    public async Task A_pin_lot_holding_a_nul_is_refused_naming_file_line_and_field_and_nothing_is_queued()
    {
        using var folder = new TempFolder();
        var records = Path.Combine(folder.Path, "records.db");
        var file = Path.Combine(folder.Path, "nul.csv");
        await File.WriteAllTextAsync(file, "make,model,pin_lot,recipe,serials\nENGR,MS1,LOT\0-1,default,N0001\n");

        var (code, output) = await EngraverProcess.RunAsync("job", "submit", file, "--records", records);

        Assert.Equal(1, code);
        Assert.Contains($"{file}:2: pin_lot: holds the NUL character U+0000 at character 4", output, StringComparison.Ordinal);
        await using var store = await SqliteRecordStore.OpenAsync(records, CancellationToken.None);
        Assert.Empty(await store.Jobs.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_escape_sequence_in_the_user_is_refused_before_anything_is_written()
    {
        using var folder = new TempFolder();
        var records = Path.Combine(folder.Path, "records.db");
        var file = Path.Combine(folder.Path, "ok.csv");
        await File.WriteAllTextAsync(file, "make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-1,default,U0001\n");

        var (code, output) = await EngraverProcess.RunAsync("job", "submit", file, "--user", "eve\u001B[2J", "--records", records);

        Assert.NotEqual(0, code);
        Assert.Contains("--user holds the ESC character U+001B at character 4", output, StringComparison.Ordinal);
        Assert.False(File.Exists(records));
    }

    [Fact]
    public async Task Dev_zero_is_refused_at_the_limit_naming_the_file_and_the_limit()
    {
        using var folder = new TempFolder();
        var records = Path.Combine(folder.Path, "records.db");

        var (code, output) = await EngraverProcess.RunAsync("job", "submit", "/dev/zero", "--records", records);

        Assert.Equal(1, code);
        Assert.Contains("/dev/zero:1: file: is larger than the job file limit of 16777216 bytes (16 MiB)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_200_mb_file_is_refused_before_it_is_read()
    {
        using var folder = new TempFolder();
        var records = Path.Combine(folder.Path, "records.db");
        var file = Path.Combine(folder.Path, "huge.csv");
        await using (var huge = File.Create(file))
        {
            // Sparse on most file systems: the size is what is checked, not the content.
            huge.SetLength(200L * 1024 * 1024);
        }

        var (code, output) = await EngraverProcess.RunAsync("job", "submit", file, "--records", records);

        Assert.Equal(1, code);
        Assert.Contains($"{file}:1: file: is larger than the job file limit", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_is_refused_with_the_offset_of_the_first_invalid_byte()
    {
        using var folder = new TempFolder();
        var records = Path.Combine(folder.Path, "records.db");
        var file = Path.Combine(folder.Path, "latin1.csv");
        await File.WriteAllBytesAsync(file, [.. "make,model,pin_lot,recipe,serials\nENGR,MS1,LOT-"u8, 0xE9, .. ",default,V0001\n"u8]);

        var (code, output) = await EngraverProcess.RunAsync("job", "submit", file, "--records", records);

        Assert.Equal(1, code);
        Assert.Contains($"{file}:2: file: is not valid UTF-8: the first invalid byte is at byte offset 47", output, StringComparison.Ordinal);
    }
}
