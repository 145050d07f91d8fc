using System.Xml.Linq;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;

namespace Engraver.Core.Tests.Toolpaths;

public sealed class ToolpathSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Svg_is_well_formed_with_one_polyline_per_stroke_and_one_line_per_travel_move()
    {
        var toolpath = new ToolpathGenerator().Generate(new MicrostampIdentity("ACME", "M17", "ZX-0042"), PinProfile.Default);

        var document = XDocument.Parse(ToolpathSvg.Render(toolpath, PinProfile.Default, "ACME M17 ZX-0042"));

        var burn = document.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == "burn");
        var travel = document.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == "travel");
        Assert.Equal(toolpath.Strokes.Count, burn.Elements(Svg + "polyline").Count());
        Assert.True(travel.Elements(Svg + "line").Count() <= toolpath.Strokes.Count);
        Assert.Equal("0.012", (string?)burn.Attribute("stroke-width"));
    }

    [Fact]
    public void Pin_local_up_is_drawn_up()
    {
        var toolpath = new Toolpath([new Stroke([new(0, 0.1), new(0.1, 0.1)])]);

        var svg = ToolpathSvg.Render(toolpath, PinProfile.Default, "t");

        Assert.Contains("points=\"0,-0.1 0.1,-0.1\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Title_text_is_escaped()
    {
        var svg = ToolpathSvg.Render(new Toolpath([new Stroke([new(0, 0), new(0.1, 0)])]), PinProfile.Default, "<a&b>");

        Assert.Contains("<title>&lt;a&amp;b&gt;</title>", svg, StringComparison.Ordinal);
    }
}
