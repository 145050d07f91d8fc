using System.Collections.Frozen;

namespace Engraver.Core.Glyphs;

/// <summary>A single-stroke vector font on an integer grid. Build one with <see cref="StrokeFontParser"/>;
/// <see cref="Microstamp"/> is the font shipped inside this assembly.</summary>
public sealed class StrokeFont
{
    private const string MicrostampResource = "Engraver.Core.Glyphs.microstamp-font.txt";

    private static readonly Lazy<StrokeFont> MicrostampFont = new(LoadMicrostamp);

    private readonly FrozenDictionary<char, Glyph> _glyphs;

    public StrokeFont(int gridWidth, int gridHeight, int advance, IEnumerable<Glyph> glyphs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gridWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gridHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(advance, gridWidth);
        ArgumentNullException.ThrowIfNull(glyphs);
        GridWidth = gridWidth;
        GridHeight = gridHeight;
        Advance = advance;
        _glyphs = glyphs.ToFrozenDictionary(g => g.Character);

        // Sorted so that anything listing the font's characters is independent of dictionary order.
        Characters = _glyphs.Keys.Order().ToArray();
    }

    /// <summary>The font compiled into Engraver.Core (Glyphs/microstamp-font.txt).</summary>
    public static StrokeFont Microstamp => MicrostampFont.Value;

    public int GridWidth { get; }

    /// <summary>Cap height in grid units; the character height of a layout maps to this.</summary>
    public int GridHeight { get; }

    /// <summary>Grid units from one glyph's origin to the next glyph's origin on a line.</summary>
    public int Advance { get; }

    /// <summary>Every character the font can draw, in ordinal order.</summary>
    public IReadOnlyList<char> Characters { get; }

    public bool Supports(char c) => _glyphs.ContainsKey(c);

    public bool TryGetGlyph(char c, out Glyph glyph) => _glyphs.TryGetValue(c, out glyph!);

    public Glyph GetGlyph(char c) =>
        _glyphs.TryGetValue(c, out var glyph)
            ? glyph
            : throw new KeyNotFoundException($"The font has no glyph for {CharacterDisplay.Describe(c)}.");

    /// <summary>Width of a line of <paramref name="characterCount"/> glyphs in grid units, from the first
    /// glyph's left edge to the last glyph's right edge.</summary>
    public int LineWidth(int characterCount) =>
        characterCount <= 0 ? 0 : ((characterCount - 1) * Advance) + GridWidth;

    private static StrokeFont LoadMicrostamp()
    {
        using var stream = typeof(StrokeFont).Assembly.GetManifestResourceStream(MicrostampResource)
            ?? throw new InvalidOperationException($"The resource {MicrostampResource} is missing from Engraver.Core.");
        using var reader = new StreamReader(stream);
        return StrokeFontParser.Parse(reader.ReadToEnd(), "microstamp-font.txt");
    }
}
