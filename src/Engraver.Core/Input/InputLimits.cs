namespace Engraver.Core.Input;

/// <summary>How long each kind of free text may be, and how large a job file may be. One place, so the job
/// file readers, the API and the command line refuse the same input.</summary>
public static class InputLimits
{
    /// <summary>A job id, a serial, a make or model as typed, a recipe name.</summary>
    public const int MaxIdLength = 64;

    /// <summary>A user name (--user, a key's user).</summary>
    public const int MaxUserLength = 64;

    /// <summary>A pin lot.</summary>
    public const int MaxPinLotLength = 64;

    /// <summary>A note (an inspection's finding, a reason).</summary>
    public const int MaxNoteLength = 500;

    /// <summary>A job file (from disk or in a request body) is refused above this many bytes, before it is read.</summary>
    public const long MaxJobFileBytes = 16 * 1024 * 1024;
}
