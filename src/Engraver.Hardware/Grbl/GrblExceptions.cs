namespace Engraver.Hardware.Grbl;

/// <summary>Base of every failure the GRBL client reports.</summary>
public abstract class GrblException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The controller answered error:N. <see cref="LineNumber"/> is 1-based within a stream.</summary>
public sealed class GrblErrorException(int code, string description, string line, int? lineNumber)
    : GrblException(lineNumber is { } n
        ? $"GRBL rejected line {n} \"{line}\" with error:{code}: {description}"
        : $"GRBL rejected \"{line}\" with error:{code}: {description}")
{
    public int Code { get; } = code;

    public string Description { get; } = description;

    public string Line { get; } = line;

    public int? LineNumber { get; } = lineNumber;
}

/// <summary>The controller raised ALARM:N while something was waiting for it.</summary>
public sealed class GrblAlarmException(int code, string description)
    : GrblException($"GRBL alarm {code}: {description}")
{
    public int Code { get; } = code;
}

/// <summary>The controller reset (its banner appeared) while lines were waiting for an answer.</summary>
public sealed class GrblResetException(string message) : GrblException(message);

/// <summary>No answer within the configured time.</summary>
public sealed class GrblTimeoutException(string message) : GrblException(message);

/// <summary>The serial link closed or failed; the client cannot be used any more.</summary>
public sealed class GrblLinkLostException(string message, Exception? inner = null) : GrblException(message, inner);

/// <summary>The device is not the controller the firmware profile describes.</summary>
public sealed class GrblProtocolException(string message) : GrblException(message);

/// <summary>The controller's settings differ from what the firmware profile requires.</summary>
public sealed class GrblSettingsException(string message, IReadOnlyList<GrblSettingMismatch> mismatches) : GrblException(message)
{
    public IReadOnlyList<GrblSettingMismatch> Mismatches { get; } = mismatches;
}

/// <summary>Answers and lines no longer pair up (an answer arrived with no line waiting): the client will
/// not send another line until it is reconnected.</summary>
public sealed class GrblBufferAccountingException(string message) : GrblException(message);
