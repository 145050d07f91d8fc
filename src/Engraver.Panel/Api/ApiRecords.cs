namespace Engraver.Panel.Api;

public enum PanelRole
{
    Operator,
    Supervisor,
    QA,
}

/// <summary>`GET /api/whoami`.</summary>
public sealed record WhoAmI(string User, PanelRole Role);

/// <summary>One row of `GET /api/jobs`.</summary>
public sealed record JobSummary(
    string JobId,
    string Make,
    string Model,
    string? PinLot,
    string State,
    int Total,
    int Verified,
    int NeedsInspection,
    int Failed,
    int Pending,
    DateTimeOffset SubmittedAt,
    string? SubmittedBy);

/// <summary>The RFC 7807 problem the service answers with when it refuses (401, 403, 400, 409).</summary>
public sealed record Problem(string? Title, string? Detail, int? Status = null)
{
    /// <summary>One line for the panel's message line: the title, then the detail when it adds something.</summary>
    public string ToMessage()
    {
        var title = string.IsNullOrWhiteSpace(Title) ? "Refused" : Title.Trim();
        return string.IsNullOrWhiteSpace(Detail) || string.Equals(Detail.Trim(), title, StringComparison.Ordinal)
            ? title
            : $"{title}: {Detail.Trim()}";
    }
}

/// <summary>The body of `POST /api/jobs` when the job was accepted.</summary>
/// <summary>The service's answer to an accepted `POST /api/jobs`: the command log row and the queued job.</summary>
public sealed record SubmittedJob(string Command, string Outcome, long CommandSequence, QueuedJob Result)
{
    public string JobId => Result.JobId;
}

/// <summary>The job a submitted file became in the queue.</summary>
public sealed record QueuedJob(string JobId, int Total);

/// <summary>The body of `POST /api/pins/{serial}/resolve`.</summary>
public sealed record ResolveRequest(string Outcome, string Note);

/// <summary>What a call to the service came to: the value on success, otherwise the status code and the
/// problem (a network failure has status 0 and a problem saying the service cannot be reached).</summary>
public sealed record ApiResult<T>(T? Value, int StatusCode, Problem? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>The body of POST /api/station/jog.</summary>
public sealed record JogBody(double DxMm, double DyMm, double FeedMmPerMin);

/// <summary>The body of POST /api/station/goto-slot; place is "laser" or "camera".</summary>
public sealed record GotoSlotBody(int Slot, string Place);

/// <summary>The body of POST /api/station/frame; a null slot is the slot the next pin takes.</summary>
public sealed record FrameBody(int? Slot);

/// <summary>The body of POST /api/station/overrides.</summary>
public sealed record OverridesBody(int PowerPercent, int FeedPercent);
