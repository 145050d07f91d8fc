using Engraver.Core.Machine;

namespace Engraver.Service.Station;

/// <summary>The tray asks for positions outside the machine's travel as the controller lists it: refused
/// before anything moves. <see cref="Problems"/> names every slot, place and axis.</summary>
public sealed class TrayOutOfReachException(IReadOnlyList<string> problems, MachineTravel travel)
    : InvalidOperationException(Describe(problems, travel))
{
    /// <summary>Lines shown in the message; <see cref="Problems"/> keeps them all.</summary>
    private const int ShownProblems = 12;

    public IReadOnlyList<string> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<string> problems, MachineTravel travel)
    {
        var shown = problems.Take(ShownProblems).ToList();
        if (problems.Count > ShownProblems)
        {
            shown.Add($"... and {problems.Count - ShownProblems} more positions");
        }

        return $"The tray (Fixture:*) reaches outside the machine's travel as the controller lists it ({travel.Describe()}); nothing was moved:"
            + Environment.NewLine + string.Join(Environment.NewLine, shown);
    }
}
