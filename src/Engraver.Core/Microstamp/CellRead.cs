namespace Engraver.Core.Microstamp;

/// <summary>What a reader saw in one cell of the gear ring.</summary>
public enum CellRead
{
    /// <summary>The cell is clearly blank.</summary>
    NoMark,

    /// <summary>The cell is clearly marked.</summary>
    Mark,

    /// <summary>The cell cannot be seen (missing arc, dirt, glare): an erasure, not a guess.</summary>
    Unreadable,
}
