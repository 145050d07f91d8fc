namespace Engraver.Core.Input;

/// <summary>A kind of free-text field: its name in messages, its length limit, and whether it may span
/// lines (tabs and line feeds allowed; nothing else below U+0020 ever is).</summary>
public sealed record TextField(string Name, int MaxLength, bool MultiLine = false)
{
    public static TextField Id(string name) => new(name, InputLimits.MaxIdLength);

    public static TextField User(string name = "user") => new(name, InputLimits.MaxUserLength);

    public static TextField PinLot(string name = "pin lot") => new(name, InputLimits.MaxPinLotLength);

    public static TextField Note(string name = "note") => new(name, InputLimits.MaxNoteLength, MultiLine: true);
}
