using Engraver.Core.Firmware;
using Engraver.Core.GCode;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Toolpaths;

namespace Engraver.Service.Station;

/// <summary>What gets burned for an identity under one pin profile, recipe and firmware: the toolpath
/// (for verification) and its G-code (for the controller and the record's hash). Refuses an identity
/// that does not fit the pin with <see cref="LayoutException"/>.</summary>
public sealed class MarkPlan(PinProfile pin, Recipe recipe, FirmwareProfile firmware, string? recipeSha256 = null)
{
    private readonly ToolpathGenerator _generator = new();

    public PinProfile Pin { get; } = pin;

    public Recipe Recipe { get; } = recipe;

    public FirmwareProfile Firmware { get; } = firmware;

    /// <summary>The SHA-256 of the recipe's file as it was read at start; null for a recipe given in code.</summary>
    public string? RecipeSha256 { get; } = recipeSha256;

    public Marking For(MicrostampIdentity identity)
    {
        var toolpath = _generator.Generate(identity, Pin);
        return new Marking(toolpath, GCodeEmitter.Emit(toolpath, Recipe, Firmware));
    }
}

public sealed record Marking(Toolpath Toolpath, GCodeProgram Program);
