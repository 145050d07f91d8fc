namespace Engraver.Cli.Commands;

/// <summary>The tray the demo and the cycle bench lay out on the default station. Rows of 14 slots at the
/// default 10 mm pitch from the default origin (X -140, Y -150) stay inside the twin's 200 x 200 mm travel
/// in GRBL's machine space with the camera 40 mm aside: X -140..-10 under the laser, -180..-50 under the
/// camera, and at most 15 rows (Y -150..-10).</summary>
internal static class DemoTray
{
    public const int Columns = 14;

    public const int MaxRows = 15;

    public const int MaxSlots = Columns * MaxRows;

    public static int RowsFor(int slots) => (slots + Columns - 1) / Columns;
}
