namespace Engraver.Simulator.Grbl;

/// <summary>GRBL 1.1 status codes the simulator answers with (error:N).</summary>
internal static class GrblStatus
{
    public const int ExpectedCommandLetter = 1;
    public const int BadNumberFormat = 2;
    public const int InvalidStatement = 3;
    public const int NegativeValue = 4;
    public const int SettingDisabled = 5;
    public const int IdleError = 8;
    public const int SystemGcLock = 9;
    public const int Overflow = 11;
    public const int BuildInfoTooLong = 14;
    public const int TravelExceeded = 15;
    public const int InvalidJogCommand = 16;
    public const int UnsupportedCommand = 20;
    public const int ModalGroupViolation = 21;
    public const int UndefinedFeedRate = 22;
    public const int WordRepeated = 25;
    public const int ValueWordMissing = 28;
    public const int UnsupportedCoordSys = 29;
    public const int InvalidTarget = 33;
    public const int ArcOffsetMissing = 35;
}
