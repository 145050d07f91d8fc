namespace Engraver.Panel.Tests.Support;

/// <summary>Service answers written as the API contract shows them, byte for byte the shape the panel must read.</summary>
internal static class ContractJson
{
    public const string EngravingStatus = """
        {"station":"station-1","state":"Engraving","heldFrom":null,"reason":null,
         "interlocks":{"doorClosed":true,"eStopReleased":true,"trayPresent":true,"clampClosed":true,"airOk":true,"fumeExtractorOk":true},
         "controller":{"connected":true,"state":"Run","x":1.2,"y":3.4,"z":0.0,"feedMmPerMin":600,"powerFraction":0.35,"bufferFree":12},
         "job":{"jobId":"J-1","state":"Running","finished":12,"total":50,"verified":12,"etaSeconds":80.5},
         "lastPin":{"serial":"A000012","make":"ACME","model":"M1","slot":11,"attempt":1,"grade":"A","outcome":"Verified","reason":null,"finishedAt":"2026-11-24T22:59:58.000Z"},
         "alarms":[],
         "at":"2026-11-24T23:00:00.000Z"}
        """;

    public const string SafetyHoldStatus = """
        {"station":"station-1","state":"SafetyHold","heldFrom":"Engraving","reason":"door open",
         "interlocks":{"doorClosed":false,"eStopReleased":true,"trayPresent":true,"clampClosed":true,"airOk":true,"fumeExtractorOk":true},
         "controller":{"connected":true,"state":"Hold","x":1.2,"y":3.4,"z":0.0,"feedMmPerMin":0,"powerFraction":0,"bufferFree":15},
         "job":{"jobId":"J-1","state":"Paused","finished":13,"total":50,"verified":13,"etaSeconds":null},
         "lastPin":{"serial":"A000013","make":"ACME","model":"M1","slot":12,"attempt":2,"grade":"D","outcome":"Rejected","reason":"characters unreadable","finishedAt":"2026-11-24T23:00:30.000Z"},
         "alarms":[{"id":3,"code":"ALARM:1","text":"Hard limit","help":"A limit switch was hit. Check the axis is clear, unlock and home.","raisedAt":"2026-11-24T23:00:31.000Z","acknowledged":false}],
         "at":"2026-11-24T23:00:32.000Z"}
        """;

    /// <summary>Paused after an e-stop mid-pin: the pin waits for inspection (two more from crash recovery), and
    /// one serial of the job was scrapped with no attempt left.</summary>
    public const string InspectionStatus = """
        {"station":"station-1","state":"Paused","heldFrom":null,"reason":"paused",
         "interlocks":{"doorClosed":true,"eStopReleased":true,"trayPresent":true,"clampClosed":true,"airOk":true,"fumeExtractorOk":true},
         "controller":{"connected":true,"state":"Idle","x":1.2,"y":3.4,"z":0.0,"feedMmPerMin":0,"powerFraction":0,"bufferFree":15,"feedOverridePercent":110,"powerOverridePercent":95},
         "job":{"jobId":"J-1","state":"Running","finished":14,"total":50,"verified":12,"etaSeconds":null,
                "serials":{"total":50,"verified":12,"pending":36,"engraving":0,"needsInspection":1,"failed":1,"cancelled":0},
                "pins":{"used":15,"verified":12,"records":16},"needNewPin":["A000009"]},
         "lastPin":{"serial":"A000014","make":"ACME","model":"M1","slot":13,"attempt":1,"grade":null,"outcome":"NeedsInspection","reason":"e-stop pressed","finishedAt":"2026-11-24T23:01:00.000Z"},
         "alarms":[],
         "inspection":{"serial":"A000014","make":"ACME","model":"M1","jobId":"J-1","slot":13,"attempt":1,"reason":"e-stop pressed",
                       "evidencePath":"evidence/J-1-A000014-a1.png","at":"2026-11-24T23:01:00.000Z","moreWaiting":2},
         "at":"2026-11-24T23:01:02.000Z"}
        """;

    /// <summary>A ready station on the twin with a full tray: the service says amber, why, and the way out.</summary>
    public const string TrayFullSimulatedStatus = """
        {"station":"station-1","state":"Idle","heldFrom":null,"reason":"the tray is full",
         "interlocks":{"doorClosed":true,"eStopReleased":true,"trayPresent":true,"clampClosed":true,"airOk":true,"fumeExtractorOk":true},
         "controller":{"connected":true,"state":"Idle","x":0,"y":0,"z":0,"feedMmPerMin":0,"powerFraction":0,"bufferFree":15},
         "job":{"jobId":"J-1","state":"Running","finished":24,"total":50,"verified":24,"etaSeconds":null},
         "lastPin":null,"alarms":[],"at":"2026-11-24T23:10:00.000Z",
         "homed":true,"nextAction":"Replace the tray: take the full tray away and put an empty one in",
         "light":"Amber","simulatedDevices":["controller","camera","io"]}
        """;

    public const string Jobs = """
        [{"jobId":"J-1","make":"ACME","model":"M1","pinLot":"L-7","state":"Running","total":50,"verified":12,
          "needsInspection":1,"failed":0,"pending":37,"submittedAt":"2026-11-24T22:50:00.000Z","submittedBy":"alice"}]
        """;

    /// <summary>The same snapshot on one line, as the event stream carries it.</summary>
    public static string OneLine(string json) => string.Join(' ', json.Split('\n', StringSplitOptions.TrimEntries));
}
