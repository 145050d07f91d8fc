namespace Engraver.Core.Glyphs;

/// <summary>A font file that cannot be read; the message names the source, the line and the problem.</summary>
public sealed class StrokeFontFormatException(string message) : Exception(message);
