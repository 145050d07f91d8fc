using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engraver.Panel.Api;

/// <summary>The service speaks System.Text.Json web defaults (camelCase) with enums as strings.</summary>
public static class PanelJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
