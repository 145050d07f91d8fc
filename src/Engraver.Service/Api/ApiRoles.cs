namespace Engraver.Service.Api;

/// <summary>The roles of the API. Operator &lt; Supervisor (a supervisor may do everything an operator may);
/// QA is apart: it reads status and exports the audit, which a supervisor may do too.</summary>
public static class ApiRoles
{
    public const string Operator = "Operator";
    public const string Supervisor = "Supervisor";
    public const string QA = "QA";

    public static IReadOnlyList<string> All { get; } = [Operator, Supervisor, QA];

    /// <summary>Accepts a role name in any letter case and returns its spelling here.</summary>
    public static bool TryParse(string? text, out string role)
    {
        role = All.FirstOrDefault(r => string.Equals(r, text?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? "";
        return role.Length > 0;
    }
}

/// <summary>The authorization policies: what each endpoint needs, and which roles satisfy it.</summary>
public static class ApiPolicies
{
    /// <summary>Any configured user.</summary>
    public const string AnyUser = "AnyUser";

    /// <summary>Operator commands: Operator or Supervisor.</summary>
    public const string Operator = "Operator";

    /// <summary>Supervisor commands: Supervisor only.</summary>
    public const string Supervisor = "Supervisor";

    /// <summary>Audit export: QA or Supervisor.</summary>
    public const string Audit = "QA";

    public static IReadOnlyList<string> RolesFor(string policy) => policy switch
    {
        Operator => [ApiRoles.Operator, ApiRoles.Supervisor],
        Supervisor => [ApiRoles.Supervisor],
        Audit => [ApiRoles.QA, ApiRoles.Supervisor],
        _ => ApiRoles.All,
    };
}
