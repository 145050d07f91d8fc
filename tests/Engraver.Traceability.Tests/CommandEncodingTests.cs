using System.Text;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Tests.Support;

namespace Engraver.Traceability.Tests;

public sealed class CommandEncodingTests
{
    [Fact]
    public void Encoding_is_the_documented_text_with_length_prefixed_fields()
    {
        var record = SampleCommands.Accepted("home", "bob", "Operator") with { Arguments = CommandArguments.None };

        var text = Encoding.UTF8.GetString(CommandEncoding.Encode(record));

        Assert.Equal(
            "engraver-command-record/1\nat=28:2026-11-24T22:00:00.1234567Z\nstation=9:station-1\nuser=3:bob\nrole=8:Operator\n" +
            "command=4:home\narguments=2:{}\noutcome=8:Accepted\n",
            text);
    }

    [Fact]
    public void Arguments_are_written_with_keys_in_ordinal_order_whatever_order_they_come_in()
    {
        var one = CommandArguments.From([new("dyMm", 0.5), new("dxMm", 1.0), new("feedMmPerMin", 300)]);
        var other = CommandArguments.From([new("feedMmPerMin", 300), new("dxMm", 1.0), new("dyMm", 0.5)]);

        Assert.Equal(one, other);
        Assert.Equal("{\"dxMm\":1,\"dyMm\":0.5,\"feedMmPerMin\":300}", one);
    }

    [Fact]
    public void A_missing_text_is_refused_naming_the_field()
    {
        var record = SampleCommands.Accepted("home") with { User = null! };

        var error = Assert.Throws<ArgumentException>(() => CommandEncoding.Encode(record));

        Assert.Contains("'user'", error.Message, StringComparison.Ordinal);
    }
}
