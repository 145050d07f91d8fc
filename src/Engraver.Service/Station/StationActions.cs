namespace Engraver.Service.Station;

/// <summary>The operator's next action, as the banner and the logs name it (the panel key and the API route).
/// Nothing moves by itself after a stop: every way back ends with a homing cycle and the operator's Start.</summary>
public static class StationActions
{
    public const string Start = "Press Start (F11 / POST /api/station/start)";

    public const string Home = "Home the machine (F6 / POST /api/station/home), then press Start (F11)";

    public const string Unlock = "Unlock the controller (F8 / POST /api/station/unlock), then home it (F6) and press Start (F11)";

    public const string ReleaseEStop = "Release the e-stop, then reset it (F12 / POST /api/station/reset)";

    public const string ResetEStop = "Reset the e-stop (F12 / POST /api/station/reset), then home (F6) and start (F11)";

    public const string Resume = "Close the door and press Resume (F5 / POST /api/station/resume)";

    public const string Resolve = "Inspect the pin and resolve it (Ctrl+R / POST /api/pins/{serial}/resolve)";

    public const string ResumeStation = "Resume the station (F5 / POST /api/station/resume)";

    /// <summary>A new tray is seen when the tray sensor reports the tray gone and then present again.</summary>
    public const string ReplaceTray = "Replace the tray: take the full tray away and put an empty one in";

    public static string ResumeJob(string jobId) => $"Resume job {jobId} (F4 / POST /api/jobs/{jobId}/resume)";

    public static string MakeReady(string notReady) => $"Make the station ready: {notReady}";
}
