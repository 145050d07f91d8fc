namespace Engraver.Core.Jobs;

/// <summary>A batch as a job file describes it: one make and model, a pin lot, a recipe by name, and the
/// serials in file order with every range expanded.</summary>
public sealed record JobFile(string Make, string Model, string PinLot, string RecipeName, IReadOnlyList<string> Serials)
{
    /// <summary>Where each serial was listed (same order as <see cref="Serials"/>), for checks made after
    /// reading, such as a serial already verified in the record.</summary>
    public IReadOnlyList<JobFileLocation> SerialLocations { get; init; } = [];

    /// <summary>An error about the serial at <paramref name="index"/>, placed where the file lists it.</summary>
    public JobFileError ErrorAt(string file, int index, string message)
    {
        var where = index < SerialLocations.Count ? SerialLocations[index] : new JobFileLocation(1, "serials");
        return new JobFileError(file, where.Line, where.Field, message);
    }
}

/// <summary>A place in a job file: the 1-based line and the field.</summary>
public sealed record JobFileLocation(int Line, string Field);

/// <summary>One problem in a job file, where it is: the file, the 1-based line and the field
/// (a CSV column name or a JSON property, with the list index for serials).</summary>
public sealed record JobFileError(string File, int Line, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Message}";
}

/// <summary>The outcome of reading a job file: the job, or every problem found (never both).</summary>
public sealed record JobFileResult
{
    private JobFileResult(JobFile? job, IReadOnlyList<JobFileError> errors)
    {
        Job = job;
        Errors = errors;
    }

    public JobFile? Job { get; }

    public IReadOnlyList<JobFileError> Errors { get; }

    public bool IsValid => Job is not null;

    public static JobFileResult Valid(JobFile job) => new(job, []);

    public static JobFileResult Invalid(IReadOnlyList<JobFileError> errors) =>
        errors.Count > 0 ? new(null, errors) : throw new ArgumentException("An invalid result needs at least one error.", nameof(errors));
}
