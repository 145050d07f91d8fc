namespace Engraver.Cli.Commands;

/// <summary>The exit codes every verb shares (the README's "Command line" table); a verb may add its own above
/// these (audit verify: 3, the key does not fit the chain).</summary>
internal static class CliExitCodes
{
    /// <summary>The verb did what was asked and found nothing wrong.</summary>
    public const int Ok = 0;

    /// <summary>The verb ran and its answer is "no": a check failed, a pin was not verified, nothing was found,
    /// a job file or a change was refused.</summary>
    public const int CheckFailed = 1;

    /// <summary>The verb could not run: a usage error, a missing or unreadable file, a store that cannot be
    /// opened, a refused output path.</summary>
    public const int CouldNotRun = 2;
}
