using System.Globalization;
using Engraver.Core.Geometry;
using Engraver.Hardware.Grbl;

namespace Engraver.Service.Station;

/// <summary>An operator's jog: a relative XY move with the laser off ("$J=G91 ..."). The target, from where the
/// controller reports the machine now, is checked against the controller's travel before anything is sent;
/// a jog the controller still refuses for its soft limits (error:15) is explained in words. It returns once the
/// machine has stopped, so the operator's move lasts as long as the motion (and can be stopped under way).</summary>
public static class StationJog
{
    /// <summary>GRBL's "Jog target exceeds machine travel".</summary>
    private const int TravelExceeded = 15;

    private static readonly TimeSpan JogPoll = TimeSpan.FromMilliseconds(50);

    public static async Task JogAsync(StationRig rig, double dxMm, double dyMm, double feedMmPerMin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var travel = rig.Travel;
        var status = await rig.Controller.QueryStatusAsync(cancellationToken).ConfigureAwait(false);
        if (status.State != GrblMachineState.Idle)
        {
            // GRBL adds a relative jog to where the last move ends, not to where the machine is now: only at
            // rest are the two the same, so only then can the target be checked.
            throw new JogRefusedException($"The controller is {status.State}, not Idle: jog again once the machine has stopped. Nothing was sent.");
        }

        var from = MachinePosition(status)
            ?? throw new JogRefusedException("The controller did not report where the machine is, so the jog cannot be checked against its travel; nothing was sent.");
        var to = new Point3(from.X + dxMm, from.Y + dyMm, from.Z);
        if (travel.Refuse(to) is { Count: > 0 } axes)
        {
            throw new JogRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"The jog from X {from.X:0.###} Y {from.Y:0.###} to X {to.X:0.###} Y {to.Y:0.###} leaves the machine's travel: {string.Join("; ", axes)}. Nothing was sent."));
        }

        var motion = string.Create(CultureInfo.InvariantCulture, $"G91 X{dxMm:0.####} Y{dyMm:0.####} F{feedMmPerMin:0.#}");
        try
        {
            await rig.Controller.JogAsync(motion, cancellationToken).ConfigureAwait(false);
        }
        catch (GrblErrorException refused) when (refused.Code == TravelExceeded)
        {
            // The controller's settings changed since it was connected, or its position is not the one reported.
            throw new JogRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"The controller refused the jog (error:15): the jog target X {to.X:0.###} Y {to.Y:0.###} is outside the machine's travel as the controller's soft limits have it now. Nothing moved. Its settings may have changed since it listed {travel.Describe()} at connect."));
        }

        await UntilStoppedAsync(rig.Controller, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls the status until Idle. Not the sync dwell (G4) the other moves wait with: GRBL refuses
    /// G-code while jogging (error:9).</summary>
    private static async Task UntilStoppedAsync(GrblClient controller, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await controller.QueryStatusAsync(cancellationToken).ConfigureAwait(false);
            switch (status.State)
            {
                case GrblMachineState.Idle:
                    return;
                case GrblMachineState.Alarm:
                    throw new GrblProtocolException("The controller went into Alarm during the jog.");
            }

            await Task.Delay(JogPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>MPos when reported; else the work position plus the work offset.</summary>
    private static Point3? MachinePosition(GrblStatusReport status) =>
        status.MachinePosition is { } m ? new Point3(m.X, m.Y, m.Z)
        : status is { WorkPosition: { } w, WorkCoordinateOffset: { } o } ? new Point3(w.X + o.X, w.Y + o.Y, w.Z + o.Z)
        : null;
}

/// <summary>A jog was not sent (its target is outside the travel) or the controller refused it.</summary>
public sealed class JogRefusedException(string why) : InvalidOperationException(why);
