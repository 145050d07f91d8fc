using System.CommandLine;
using Engraver.Service.Hosting;
using Engraver.Traceability.Records;
using Engraver.Traceability.Storage;
using Microsoft.Extensions.Configuration;

namespace Engraver.Cli.Commands;

/// <summary>The options every audit verb shares to name the record store: an SQLite file, a PostgreSQL
/// connection string, or (neither given) the store the service is configured with (Records section and
/// Station:DataFolder of appsettings.json and ENGRAVER_ environment variables; data/records.db in the working directory by default).</summary>
/// <remarks>A source that <paramref name="signs"/> opens the store for writing: the station's signing key (in
/// the folder of the records, keys/ by default) signs a checkpoint for each append, as the service does.</remarks>
internal sealed class AuditStoreSource(bool createIfMissing = false, bool signs = false)
{
    private readonly Option<string?> _records = new("--records") { Description = "SQLite record file to read (default: the service's configured store)." };
    private readonly Option<string?> _postgres = new("--postgres") { Description = "PostgreSQL connection string of a shared record store." };
    private readonly Option<string?> _keyFile = new("--hmac-key-file") { Description = "File with the base64 key of a keyed (HMAC) chain." };

    public void AddTo(Command command)
    {
        command.Options.Add(_records);
        command.Options.Add(_postgres);
        command.Options.Add(_keyFile);
        command.Validators.Add(result =>
        {
            if (result.GetValue(_records) is not null && result.GetValue(_postgres) is not null)
            {
                result.AddError("Give --records or --postgres, not both.");
            }
        });
    }

    /// <summary>Opens the named store; an SQLite file that does not exist is an error unless the source was
    /// made to create it (submitting the first job before the service has run).</summary>
    public async Task<(IRecordStore Store, string Location, string DataFolder)> OpenAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var (options, dataFolder, location) = Resolve(result);
        var folder = StoreFolder(options, dataFolder, location);
        var store = signs
            ? (await RecordStoreFactory.OpenForWritingAsync(options, folder, [], null, cancellationToken).ConfigureAwait(false)).Store
            : await RecordStoreFactory.OpenAsync(options, dataFolder, cancellationToken).ConfigureAwait(false);
        return (store, location, folder);
    }

    /// <summary>The folder the store's evidence, signing keys and checkpoint file are taken from: the SQLite file's
    /// folder, or the data folder for PostgreSQL.</summary>
    public static string StoreFolder(RecordStoreOptions options, string dataFolder, string location) =>
        string.IsNullOrWhiteSpace(options.PostgresConnectionString) ? Path.GetDirectoryName(location)! : dataFolder;

    /// <summary>The guard for files a verb writes: the named SQLite file (none for PostgreSQL) and the evidence
    /// beside it; checked before the store is opened, so a refused verb writes nothing at all.</summary>
    public OutputGuard Guard(ParseResult result)
    {
        var (options, dataFolder, location) = Resolve(result);
        var sqlite = string.IsNullOrWhiteSpace(options.PostgresConnectionString);
        var folder = StoreFolder(options, dataFolder, location);
        return new OutputGuard(sqlite ? location : null, folder,
            Path.Combine(folder, options.CheckpointFile), Path.GetDirectoryName(Path.GetFullPath(Path.Combine(folder, options.SigningKeyFile)))!);
    }

    /// <summary>The store's options as given on the command line or configured, with the folder relative paths
    /// start from and where the records are (the SQLite file, or host:port/database); a missing SQLite file is
    /// refused here unless the source creates it.</summary>
    public (RecordStoreOptions Options, string DataFolder, string Location) Resolve(ParseResult result)
    {
        var configuration = EngraverHost.CreateBuilder([]).Configuration;
        var options = configuration.GetSection(RecordStoreOptions.SectionName).Get<RecordStoreOptions>() ?? new RecordStoreOptions();
        var configuredFolder = configuration[DataFolderLocation.Key];
        var dataFolder = DataFolderLocation.ForThisProcess(configuredFolder);
        if (result.GetValue(_keyFile) is { } keyFile)
        {
            options.HmacKey = null;
            options.HmacKeyFile = keyFile;
        }

        if (result.GetValue(_postgres) is { } connectionString)
        {
            options.PostgresConnectionString = connectionString;
        }
        else if (result.GetValue(_records) is { } file)
        {
            options.PostgresConnectionString = null;
            options.Path = Path.GetFullPath(file);
        }

        if (!string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
            return (options, dataFolder, $"{builder.Host}:{builder.Port}/{builder.Database}");
        }

        var path = Path.GetFullPath(Path.Combine(dataFolder, options.Path));
        if (!createIfMissing && !File.Exists(path))
        {
            var where = result.GetValue(_records) is null
                ? $" (data folder {dataFolder}, from {DataFolderLocation.Origin(configuredFolder)}; ENGRAVER_Station__DataFolder names another)"
                : "";
            throw new FileNotFoundException($"There is no record database at {path}{where}. Name one with --records FILE or --postgres CONNSTRING.", path);
        }

        return (options, dataFolder, path);
    }
}
