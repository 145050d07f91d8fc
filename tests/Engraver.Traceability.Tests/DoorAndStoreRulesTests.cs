using Engraver.Core.Input;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Storage;
using Engraver.Traceability.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Engraver.Traceability.Tests;

/// <summary>The door (the free-text check at submission) is at least as strict as the record stores: text that
/// passes the door can never make an append fail later, when the pin is already burned.</summary>
public sealed class DoorAndStoreRulesTests
{
    // Characters an attacker reaches for, mixed with ordinary ones so that many generated strings pass the door.
    private static readonly char[] Tricky =
    [
        '\0', '\a', '\u001B', '\t', '\n', '\r', '\u007F', '\u0085', '\u009B', '\u202E', '\u2066', '\u2028',
        '\ud800', '\udc00', '\uFEFF', '\uFFFD', 'A', 'z', '0', ' ', '-', '=', '"', 'é', '€', '中',
    ];

    private static Arbitrary<string> Texts() =>
        Arb.From(Gen.OneOf(Gen.Elements(Tricky), Gen.Elements(Tricky), ArbMap.Default.GeneratorFor<char>())
            .ArrayOf()
            .Select(chars => new string(chars)));

    [Property(MaxTest = 1000)]
    public Property A_pin_lot_the_door_accepts_every_record_store_accepts() =>
        Prop.ForAll(Texts(), text => FreeText.Problem(text, TextField.PinLot()) is not null || PinStoreAccepts(text));

    [Property(MaxTest = 1000)]
    public Property A_note_the_door_accepts_the_command_log_and_the_pin_record_accept() =>
        Prop.ForAll(Texts(), text => FreeText.Problem(text, TextField.Note()) is not null || (CommandLogAccepts(text) && PinStoreAccepts(text)));

    [Theory]
    [InlineData("LOT-7")]
    [InlineData("Los é € 中 \"=x\"")]
    public void Ordinary_text_passes_both(string text)
    {
        Assert.Null(FreeText.Problem(text, TextField.PinLot()));
        Assert.True(PinStoreAccepts(text) && CommandLogAccepts(text));
    }

    [Fact]
    public void Text_the_store_refuses_the_door_refuses_first()
    {
        // Built in code: an attribute argument cannot carry a lone surrogate.
        foreach (var text in new[] { "LOT\0-7", "A" + '\ud800' })
        {
            Assert.False(PinStoreAccepts(text));
            Assert.NotNull(FreeText.Problem(text, TextField.PinLot()));
            Assert.NotNull(FreeText.Problem(text, TextField.Note()));
        }
    }

    private static bool PinStoreAccepts(string text) => Accepts(() =>
        PinRecordRules.CheckAndEncode(SampleRecords.Full with { PinLot = text, Operator = text, Reason = "resolved after inspection: " + text }));

    private static bool CommandLogAccepts(string text) => Accepts(() =>
        CommandRecordRules.CheckAndEncode(SampleCommands.Accepted("resolve-pin", user: text) with
        {
            Arguments = CommandArguments.From([new("serial", text), new("note", text)]),
            Outcome = CommandRecord.Refused(text),
        }));

    private static bool Accepts(Action append)
    {
        try
        {
            append();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
