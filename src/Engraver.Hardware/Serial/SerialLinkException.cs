namespace Engraver.Hardware.Serial;

/// <summary>The serial link failed: the port could not be opened, or was lost while in use.</summary>
public sealed class SerialLinkException(string message, Exception? inner = null) : Exception(message, inner);
