namespace Engraver.Hardware.Gpio;

/// <summary>Which GPIO line carries each station signal. Every signal needs a line and no line serves two
/// signals; a map that breaks either rule is refused with a message naming the signal.</summary>
public sealed class StationIoMap
{
    public StationIoMap(IReadOnlyDictionary<StationInput, GpioLine> inputs, IReadOnlyDictionary<StationOutput, GpioLine> outputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        var problems = new List<string>();
        problems.AddRange(Enum.GetValues<StationInput>().Where(i => !inputs.ContainsKey(i)).Select(i => $"input {i} has no GPIO line"));
        problems.AddRange(Enum.GetValues<StationOutput>().Where(o => !outputs.ContainsKey(o)).Select(o => $"output {o} has no GPIO line"));
        var all = inputs.Select(p => (Name: $"input {p.Key}", p.Value)).Concat(outputs.Select(p => (Name: $"output {p.Key}", p.Value)));
        foreach (var shared in all.GroupBy(s => (s.Value.Chip, s.Value.Line)).Where(g => g.Count() > 1))
        {
            problems.Add($"gpiochip{shared.Key.Chip} line {shared.Key.Line} is used by {string.Join(" and ", shared.Select(s => s.Name))}");
        }

        foreach (var (name, line) in all.Where(s => s.Value.Chip < 0 || s.Value.Line < 0 || s.Value.DebounceMs < 0))
        {
            problems.Add($"{name}: chip, line and debounce must not be negative");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("The station I/O map is not usable: " + string.Join("; ", problems) + ".");
        }

        Inputs = inputs;
        Outputs = outputs;
    }

    public IReadOnlyDictionary<StationInput, GpioLine> Inputs { get; }

    public IReadOnlyDictionary<StationOutput, GpioLine> Outputs { get; }

    public IEnumerable<int> Chips => Inputs.Values.Concat(Outputs.Values).Select(l => l.Chip).Distinct().Order();

    /// <summary>A map with every signal on gpiochip0, inputs on lines 0-5 and outputs on lines 10-17;
    /// inputs are active-low (switches to ground with pull-ups), as is common on PLC-style I/O boards.</summary>
    public static StationIoMap Default(int debounceMs = 5) => new(
        Enum.GetValues<StationInput>().ToDictionary(i => i, i => new GpioLine(0, (int)i, ActiveLow: true, debounceMs)),
        Enum.GetValues<StationOutput>().ToDictionary(o => o, o => new GpioLine(0, 10 + (int)o)));
}
