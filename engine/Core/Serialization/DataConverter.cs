using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Engine.Serialization;

/// <summary>
/// Turns inputs, outputs, events and custom status into JSON and back, with one
/// <see cref="JsonSerializerOptions"/> for the whole engine.
/// </summary>
public sealed class DataConverter
{
    /// <summary>Creates a converter over the given options.</summary>
    public DataConverter(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Options.MakeReadOnly(populateMissingResolver: true);
    }

    /// <summary>The default converter: web defaults (camelCase) and enums as strings.</summary>
    public static DataConverter Default { get; } = new(CreateDefaultOptions());

    /// <summary>The options used for every payload.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>The engine's default serializer options; a starting point for custom ones.</summary>
    public static JsonSerializerOptions CreateDefaultOptions() =>
        new(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter() },
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

    /// <summary>Serializes a value; null stays null.</summary>
    public string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Deserializes a value; null or empty text gives the type's default.</summary>
    public T? Deserialize<T>(string? json) =>
        string.IsNullOrEmpty(json) ? default : JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>Deserializes a value of a runtime type; null or empty text gives the type's default.</summary>
    public object? Deserialize(string? json, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (string.IsNullOrEmpty(json))
        {
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
        }

        return JsonSerializer.Deserialize(json, type, Options);
    }
}
