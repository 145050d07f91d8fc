using Engraver.Core.Identity;

namespace Engraver.Core.Jobs;

/// <summary>Checks a draft read from a job file and builds the job: required fields present, make and
/// model (and every serial) drawable by the font and of the allowed length, the recipe known, ranges well
/// formed and not empty, no serial listed twice, not more serials than the rules allow.</summary>
internal static class JobFileValidator
{
    public static JobFileResult Validate(string file, JobDraft draft, JobFileRules rules)
    {
        if (draft.Unreadable)
        {
            return JobFileResult.Invalid(draft.Errors);
        }

        var errors = new List<JobFileError>(draft.Errors);
        void Error(int line, string field, string message) => errors.Add(new JobFileError(file, line, field, message));

        // A field the reader already reported (a number where a string belongs) is not reported again as missing.
        void Missing(int line, string field, string message)
        {
            if (!draft.Errors.Exists(e => e.Field == field))
            {
                Error(line, field, message);
            }
        }

        var make = Required(draft.Make, "make", draft.Line, Missing);
        var model = Required(draft.Model, "model", draft.Line, Missing);
        var pinLot = Required(draft.PinLot, draft.PinLotField, draft.Line, Missing);
        var recipe = Required(draft.Recipe, "recipe", draft.Line, Missing);

        foreach (var (located, field) in new[] { (draft.Make, IdentityField.Make), (draft.Model, IdentityField.Model) })
        {
            if (located is { Text.Length: > 0 })
            {
                foreach (var problem in Problems(rules, field, located.Text))
                {
                    Error(located.Line, located.Field, problem.Message);
                }
            }
        }

        if (draft.Recipe is { Text.Length: > 0 } r && !rules.KnownRecipes.Contains(r.Text))
        {
            Error(r.Line, r.Field, $"unknown recipe '{r.Text}'; known recipes: {string.Join(", ", rules.KnownRecipes.Order(StringComparer.Ordinal))}");
        }

        if (draft.SerialEntries.Count == 0 && !errors.Exists(e => e.Field.StartsWith("serials", StringComparison.Ordinal)))
        {
            Error(draft.Line, "serials", "the job lists no serials");
        }

        var locations = new List<JobFileLocation>();
        var serials = ExpandSerials(draft.SerialEntries, rules, locations, Error);
        return errors.Count > 0
            ? JobFileResult.Invalid(errors)
            : JobFileResult.Valid(new JobFile(make!, model!, pinLot!, recipe!, serials) { SerialLocations = locations });
    }

    private static List<string> ExpandSerials(List<Located> entries, JobFileRules rules, List<JobFileLocation> locations, Action<int, string, string> error)
    {
        var serials = new List<string>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var parsed = SerialEntry.Parse(entry.Text, out var rangeProblem);
            if (parsed is null)
            {
                error(entry.Line, entry.Field, rangeProblem!);
                continue;
            }

            // The serials of a range differ only in digits of the same width: checking both ends checks all.
            var problems = Problems(rules, IdentityField.Serial, parsed.First).Concat(Problems(rules, IdentityField.Serial, parsed.Last))
                .Select(p => p.Message).Distinct(StringComparer.Ordinal).ToList();
            foreach (var problem in problems)
            {
                error(entry.Line, entry.Field, problem);
            }

            if (problems.Count > 0)
            {
                continue;
            }

            if (serials.Count + parsed.Count > rules.MaxSerials)
            {
                error(entry.Line, entry.Field, $"the job would hold more than {rules.MaxSerials} serials; split it into several jobs");
                return serials;
            }

            var duplicates = 0;
            foreach (var serial in parsed.Serials())
            {
                if (firstLine.TryAdd(serial, entry.Line))
                {
                    serials.Add(serial);
                    locations.Add(new JobFileLocation(entry.Line, entry.Field));
                }
                else if (duplicates++ == 0)
                {
                    var where = firstLine[serial] == entry.Line ? "earlier on this line" : $"on line {firstLine[serial]}";
                    error(entry.Line, entry.Field, $"serial {serial} is listed twice (first {where})");
                }
            }

            if (duplicates > 1)
            {
                error(entry.Line, entry.Field, $"{duplicates} serials of '{entry.Text}' are listed twice in all");
            }
        }

        return serials;
    }

    private static IEnumerable<IdentityProblem> Problems(JobFileRules rules, IdentityField field, string text)
    {
        // Validate the one field alone: the other two get values that are always valid.
        const string Valid = "A";
        rules.Identity.TryValidate(
            field == IdentityField.Make ? text : Valid,
            field == IdentityField.Model ? text : Valid,
            field == IdentityField.Serial ? text : Valid,
            out _, out var problems);
        return problems.Where(p => p.Field == field);
    }

    private static string? Required(Located? value, string field, int line, Action<int, string, string> error)
    {
        if (value is null)
        {
            error(line, field, $"{field} is missing");
            return null;
        }

        if (string.IsNullOrWhiteSpace(value.Text))
        {
            error(value.Line, value.Field, $"{field} is empty");
            return null;
        }

        return value.Text;
    }
}
