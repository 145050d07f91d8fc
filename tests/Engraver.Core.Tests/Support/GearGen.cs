using Engraver.Core.Identity;
using Engraver.Core.Microstamp;
using FsCheck;
using FsCheck.Fluent;

namespace Engraver.Core.Tests.Support;

/// <summary>Random identities up to the gear code's capacity, and ways to damage a read-out.</summary>
internal static class GearGen
{
    private static readonly Gen<char> Character = Gen.Elements(IdentityAlphabet.ToCharArray());

    private const string IdentityAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";

    /// <summary>Make, model and serial together at most <see cref="GearCodec.MaxIdentityCharacters"/> long.</summary>
    public static Gen<MicrostampIdentity> Identity =>
        from make in Gen.Choose(1, 8)
        from model in Gen.Choose(1, 8)
        from serial in Gen.Choose(1, GearCodec.MaxIdentityCharacters - make - model)
        from m in Character.ArrayOf(make)
        from d in Character.ArrayOf(model)
        from s in Character.ArrayOf(serial)
        select new MicrostampIdentity(new string(m), new string(d), new string(s));

    /// <summary>Cells of a contiguous arc of the ring (wrapping past the orientation mark), as a start slot and length in slots.</summary>
    public static IEnumerable<int> ArcCells(int startSlot, int slots)
    {
        var ring = GearRing.For(Engraver.Core.Layout.PinProfile.Default);
        for (var i = 0; i < slots; i++)
        {
            var slot = (startSlot + i) % ring.SlotCount;
            var dataSlot = slot - ring.FirstDataSlot;
            if (dataSlot < 0 || dataSlot * ring.TrackCount >= ring.CellCount)
            {
                continue;
            }

            for (var track = 0; track < ring.TrackCount; track++)
            {
                yield return (dataSlot * ring.TrackCount) + track;
            }
        }
    }

    /// <summary>Slots in 40% of the ring, rounded up.</summary>
    public static int FortyPercentSlots => (int)Math.Ceiling(0.4 * GearRing.For(Engraver.Core.Layout.PinProfile.Default).SlotCount);

    public static CellRead[] Read(IReadOnlyList<bool> cells) => cells.Select(c => c ? CellRead.Mark : CellRead.NoMark).ToArray();

    public static CellRead[] Erase(CellRead[] read, IEnumerable<int> cells)
    {
        var copy = (CellRead[])read.Clone();
        foreach (var cell in cells)
        {
            copy[cell] = CellRead.Unreadable;
        }

        return copy;
    }

    /// <summary>Flips readable cells at the given positions (skipping unreadable ones).</summary>
    public static CellRead[] Flip(CellRead[] read, IEnumerable<int> cells)
    {
        var copy = (CellRead[])read.Clone();
        foreach (var cell in cells)
        {
            copy[cell] = copy[cell] switch
            {
                CellRead.Mark => CellRead.NoMark,
                CellRead.NoMark => CellRead.Mark,
                _ => CellRead.Unreadable,
            };
        }

        return copy;
    }
}
