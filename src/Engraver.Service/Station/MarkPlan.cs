using Engraver.Core.Firmware;
using Engraver.Core.GCode;
using Engraver.Core.Identity;
using Engraver.Core.Layout;
using Engraver.Core.Recipes;
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

    /// <summary>True when the recipe lists its marking locations (each burned and verified on its own).</summary>
    public bool HasLocations => Recipe.Locations.Count > 0;

    /// <summary>The marking as one program: the tip's, or for a recipe with locations every location's program in
    /// the recipe's order (its hash is the record's toolpath hash), with the first location's toolpath.</summary>
    public Marking For(MicrostampIdentity identity)
    {
        if (!HasLocations)
        {
            var toolpath = _generator.Generate(identity, Pin);
            return new Marking(toolpath, GCodeEmitter.Emit(toolpath, Recipe, Firmware));
        }

        var each = ForEachLocation(identity);
        return new Marking(each[0].Toolpath, new GCodeProgram([.. each.SelectMany(m => m.Program.Lines)]));
    }

    /// <summary>Each location's marking: laid out on the location's pin profile, turned by its rotation for the
    /// controller; the toolpath kept unturned for verification (the camera sees the turn as the pin's pose).</summary>
    public IReadOnlyList<LocationMarking> ForEachLocation(MicrostampIdentity identity)
    {
        var locations = HasLocations ? Recipe.Locations : [MarkingLocation.Tip with { Pin = Pin }];
        return [.. locations.Select(location =>
        {
            var local = _generator.Generate(identity, location.Pin);
            return new LocationMarking(location, local, GCodeEmitter.Emit(location.Turn(local), Recipe, Firmware));
        })];
    }
}

public sealed record Marking(Toolpath Toolpath, GCodeProgram Program);

/// <summary>What is burned at one location: where, the toolpath as laid out (unturned) and the program (turned).</summary>
public sealed record LocationMarking(MarkingLocation Location, Toolpath Toolpath, GCodeProgram Program);
