using Engraver.Core.Identity;
using Engraver.Core.Jobs;

namespace Engraver.Core.Tests.Jobs;

public sealed class JobFileParserTests
{
    private static readonly JobFileRules Rules = new(new IdentityValidator(), new HashSet<string>(StringComparer.Ordinal) { "default", "deep" });

    [Fact]
    public void Csv_with_a_range_and_single_serials_builds_the_job_in_file_order()
    {
        const string csv = """
            make,model,pin_lot,recipe,serials
            ACME,P10,LOT-7,default,A000998-A001002
            ,,,,B1
            ACME,P10,LOT-7,default,SN-0001
            """;

        var result = JobFileParser.Parse("batch.csv", csv, Rules);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(new[] { "A000998", "A000999", "A001000", "A001001", "A001002", "B1", "SN-0001" }, result.Job!.Serials);
        Assert.Equal(("ACME", "P10", "LOT-7", "default"), (result.Job.Make, result.Job.Model, result.Job.PinLot, result.Job.RecipeName));
    }

    [Fact]
    public void Json_with_a_range_and_single_serials_builds_the_job()
    {
        const string json = """
            {
              // comments are allowed
              "make": "ACME", "model": "P10", "pinLot": "LOT-7", "recipe": "deep",
              "serials": ["A000100-A000102", "=2024-0001",],
            }
            """;

        var result = JobFileParser.Parse("batch.json", json, Rules);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(new[] { "A000100", "A000101", "A000102", "2024-0001" }, result.Job!.Serials);
        Assert.Equal("deep", result.Job.RecipeName);
    }

    [Fact]
    public void Csv_duplicate_serial_is_named_with_both_lines()
    {
        const string csv = "make,model,pin_lot,recipe,serials\nACME,P10,L1,default,A000100-A000200\nACME,P10,L1,default,A000150\n";

        var error = Assert.Single(JobFileParser.Parse("jobs/batch.csv", csv, Rules).Errors);

        Assert.Equal(new JobFileError("jobs/batch.csv", 3, "serials", "serial A000150 is listed twice (first on line 2)"), error);
        Assert.Equal("jobs/batch.csv:3: serials: serial A000150 is listed twice (first on line 2)", error.ToString());
    }

    [Fact]
    public void Json_duplicate_serial_names_its_line_and_list_index()
    {
        const string json = "{\n\"make\": \"ACME\", \"model\": \"P10\", \"pinLot\": \"L1\", \"recipe\": \"default\",\n\"serials\": [\n\"B1\",\n\"B1\"\n]\n}";

        var error = Assert.Single(JobFileParser.Parse("b.json", json, Rules).Errors);

        Assert.Equal(5, error.Line);
        Assert.Equal("serials[1]", error.Field);
        Assert.Contains("listed twice (first on line 4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serial_with_a_character_outside_the_font_is_refused_naming_line_and_character()
    {
        const string csv = "make,model,pin_lot,recipe,serials\nACME,P10,L1,default,A1\nACME,P10,L1,default,A$2\n";

        var error = Assert.Single(JobFileParser.Parse("b.csv", csv, Rules).Errors);

        Assert.Equal((3, "serials"), (error.Line, error.Field));
        Assert.Contains("'$' at position 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_the_font_cannot_draw_is_refused_at_its_line()
    {
        const string json = "{\"make\": \"aCME\",\n \"model\": \"P10\", \"pinLot\": \"L1\", \"recipe\": \"default\", \"serials\": [\"A1\"]}";

        var error = Assert.Single(JobFileParser.Parse("b.json", json, Rules).Errors);

        Assert.Equal((1, "make"), (error.Line, error.Field));
        Assert.Contains("only upper case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_recipe_is_refused_listing_the_known_ones()
    {
        const string csv = "make,model,pin_lot,recipe,serials\nACME,P10,L1,shallow,A1\n";

        var error = Assert.Single(JobFileParser.Parse("b.csv", csv, Rules).Errors);

        Assert.Equal((2, "recipe"), (error.Line, error.Field));
        Assert.Equal("unknown recipe 'shallow'; known recipes: deep, default", error.Message);
    }

    [Theory]
    [InlineData("A000999-A000100", "is empty: it runs backwards")]
    [InlineData("A000100-", "a range with no end")]
    [InlineData("-A000100", "a range with no start")]
    [InlineData("A100-B200", "the ends differ before their numbers")]
    [InlineData("A100-A1000", "different widths")]
    [InlineData("A1-2-3", "more than one '-'")]
    public void Malformed_or_empty_range_is_refused_naming_the_range(string range, string expected)
    {
        var csv = $"make,model,pin_lot,recipe,serials\nACME,P10,L1,default,{range}\n";

        var error = Assert.Single(JobFileParser.Parse("b.csv", csv, Rules).Errors);

        Assert.Equal((2, "serials"), (error.Line, error.Field));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_longer_than_the_rules_allow_is_refused()
    {
        var rules = Rules with { MaxSerials = 100 };
        const string csv = "make,model,pin_lot,recipe,serials\nACME,P10,L1,default,A0000-A0100\n";

        var error = Assert.Single(JobFileParser.Parse("b.csv", csv, rules).Errors);

        Assert.Contains("more than 100 serials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_line_that_changes_the_make_is_refused()
    {
        const string csv = "make,model,pin_lot,recipe,serials\nACME,P10,L1,default,A1\nBETA,P10,L1,default,A2\n";

        var error = Assert.Single(JobFileParser.Parse("b.csv", csv, Rules).Errors);

        Assert.Equal((3, "make"), (error.Line, error.Field));
        Assert.Contains("differs from 'ACME' on line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_header_with_an_unknown_and_a_missing_column_names_both()
    {
        const string csv = "# job\nmake,model,lot,recipe,serials\n";

        var errors = JobFileParser.Parse("b.csv", csv, Rules).Errors;

        Assert.All(errors, e => Assert.Equal((2, "header"), (e.Line, e.Field)));
        Assert.Contains(errors, e => e.Message.Contains("unknown column 'lot'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("column 'pin_lot' is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Csv_quoted_fields_may_hold_commas_and_quotes_are_checked_against_the_font()
    {
        const string csv = "make,model,pin_lot,recipe,serials\nACME,P10,\"LOT, 7\",default,\"A1\"\"\"\n";

        var error = Assert.Single(JobFileParser.Parse("b.csv", csv, Rules).Errors);

        Assert.Contains("'\"'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_value_of_the_wrong_type_is_reported_once_where_it_is()
    {
        const string json = "{\"make\": \"ACME\", \"model\": \"P10\",\n\"pinLot\": 7, \"recipe\": \"default\", \"serials\": [\"A1\", 2]}";

        var errors = JobFileParser.Parse("b.json", json, Rules).Errors;

        Assert.Equal(2, errors.Count);
        Assert.Contains(new JobFileError("b.json", 2, "pinLot", "must be a string, not a number"), errors);
        Assert.Contains(new JobFileError("b.json", 2, "serials[1]", "must be a string, not a number"), errors);
    }

    [Fact]
    public void Json_that_does_not_parse_is_reported_at_its_line()
    {
        const string json = "{\n\"make\": \"ACME\",\n\"model\" \"P10\"\n}";

        var error = Assert.Single(JobFileParser.Parse("b.json", json, Rules).Errors);

        Assert.Equal((3, "json"), (error.Line, error.Field));
        Assert.StartsWith("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_fields_and_an_empty_serial_list_are_all_reported()
    {
        const string json = "{\"make\": \"ACME\", \"serials\": []}";

        var errors = JobFileParser.Parse("b.json", json, Rules).Errors;

        Assert.Equal(["model", "pinLot", "recipe", "serials"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Unknown_file_type_is_refused()
    {
        var error = Assert.Single(JobFileParser.Parse("b.txt", "A1", Rules).Errors);

        Assert.Contains("use .csv or .json", error.Message, StringComparison.Ordinal);
    }
}
