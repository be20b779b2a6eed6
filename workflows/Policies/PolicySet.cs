using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Workflows.Policies;

/// <summary>
/// A loaded, validated policy document: defaults per workflow, working-day calendars per country, and
/// overrides per country or facility merged over the defaults (objects merge, values and lists replace).
/// </summary>
public sealed class PolicySet : IPolicyProvider
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private readonly JsonObject _workflows;
    private readonly JsonObject _calendars;
    private readonly List<PolicyOverride> _overrides;
    private readonly ConcurrentDictionary<(string, string, string?), WorkflowPolicy> _cache = new();

    private PolicySet(JsonObject workflows, JsonObject calendars, List<PolicyOverride> overrides)
    {
        _workflows = workflows;
        _calendars = calendars;
        _overrides = overrides;
    }

    /// <summary>The default policy embedded in this assembly (every default of domain.md).</summary>
    public static PolicySet LoadDefault(params string[] additionalFiles)
    {
        using var stream = typeof(PolicySet).Assembly.GetManifestResourceStream("Workflows.Policies.default-policy.json")
            ?? throw new PolicyException("The embedded default policy is missing from the Workflows assembly.");
        var documents = new List<JsonObject> { ParseObject(stream, "default-policy.json") };
        foreach (var file in additionalFiles)
        {
            if (!File.Exists(file))
            {
                throw new PolicyException($"Policy file '{file}' does not exist; fix Workflows:PolicyFiles.");
            }

            using var fs = File.OpenRead(file);
            documents.Add(ParseObject(fs, Path.GetFileName(file)));
        }

        return Load(documents);
    }

    /// <summary>Loads and validates policy documents, later ones merged over earlier ones (override lists are concatenated).</summary>
    public static PolicySet Load(IReadOnlyList<JsonObject> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var workflows = new JsonObject();
        var calendars = new JsonObject();
        var overrides = new List<PolicyOverride>();
        foreach (var document in documents)
        {
            foreach (var (key, value) in document)
            {
                switch (key)
                {
                    case "workflows":
                        Merge(workflows, RequireObject(value, "policies"));
                        break;
                    case "calendars":
                        Merge(calendars, RequireObject(value, "policies.calendars"));
                        break;
                    case "overrides":
                        overrides.AddRange(ReadOverrides(value));
                        break;
                    case "$schema" or "description":
                        break;
                    default:
                        throw new PolicyException($"policies.{key}: unknown section (use workflows, calendars or overrides)");
                }
            }
        }

        var set = new PolicySet(workflows, calendars, overrides);
        set.Validate();
        return set;
    }

    /// <summary>Parses one policy document.</summary>
    public static JsonObject ParseObject(Stream json, string name)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new PolicyException($"{name}: a policy file must hold a JSON object");
        }
        catch (JsonException ex)
        {
            throw new PolicyException($"{name}: not valid JSON ({ex.Message})", ex);
        }
    }

    /// <inheritdoc />
    public WorkflowPolicy Resolve(string workflow, string country, string? facilityId) =>
        _cache.GetOrAdd((workflow, country, facilityId), key => Build(key.Item1, key.Item2, key.Item3));

    private WorkflowPolicy Build(string workflow, string country, string? facilityId)
    {
        if (_workflows[workflow] is not JsonObject baseNode)
        {
            throw new PolicyException($"policies.{workflow}: no such workflow in the policy");
        }

        var merged = (JsonObject)baseNode.DeepClone();
        foreach (var o in _overrides.Where(o => o.Facility is null && Same(o.Country, country)).Concat(_overrides.Where(o => o.Facility is not null && string.Equals(o.Facility, facilityId, StringComparison.Ordinal) && (o.Country is null || Same(o.Country, country)))))
        {
            if (o.Workflows[workflow] is JsonObject patch)
            {
                Merge(merged, patch);
            }
        }

        // Errors name the override they come from, so a deployment knows which entry to fix.
        var countryOverridden = _overrides.Any(o => o.Facility is null && Same(o.Country, country) && o.Workflows.ContainsKey(workflow));
        var path = (facilityId, countryOverridden) switch
        {
            (not null, true) => $"policies.{workflow}(country {country}, facility {facilityId})",
            (not null, false) => $"policies.{workflow}(facility {facilityId})",
            (null, true) => $"policies.{workflow}(country {country})",
            _ => $"policies.{workflow}",
        };
        var dto = Deserialize<WorkflowPolicyDocument>(merged, path);
        var calendarNode = _calendars[country] ?? _calendars["default"];
        var calendar = calendarNode is null ? WorkingCalendar.Default : Deserialize<WorkingCalendar>(calendarNode, $"policies.calendars.{country}");
        var policy = new WorkflowPolicy
        {
            Workflow = workflow,
            Calendar = calendar,
            Steps = dto.Steps ?? [],
            Timers = dto.Timers ?? [],
            Schedules = (dto.Schedules ?? []).ToDictionary(kv => kv.Key, kv => (IReadOnlyList<ScheduleBand>)kv.Value, StringComparer.Ordinal),
            ReasonCodes = dto.ReasonCodes ?? [],
        };
        PolicyValidator.Validate(policy, path);
        return policy;
    }

    private void Validate()
    {
        foreach (var (name, _) in _calendars)
        {
            Deserialize<WorkingCalendar>(_calendars[name]!, $"policies.calendars.{name}");
        }

        foreach (var workflow in PolicyRequirements.ByWorkflow.Keys)
        {
            if (_workflows[workflow] is null)
            {
                throw new PolicyException($"policies.{workflow}: missing; every workflow needs a policy");
            }

            Build(workflow, "default", null);
            foreach (var o in _overrides)
            {
                if (o.Workflows.Any(w => !PolicyRequirements.ByWorkflow.ContainsKey(w.Key)))
                {
                    throw new PolicyException($"policies.overrides[{o.Index}]: unknown workflow '{o.Workflows.First(w => !PolicyRequirements.ByWorkflow.ContainsKey(w.Key)).Key}'");
                }

                Build(workflow, o.Country ?? "default", o.Facility);
            }

            // A facility override applies over its country's override: validate every such combination now,
            // so that a bad pair fails at start-up rather than at the first intake in that facility.
            var countries = _overrides.Where(o => o.Facility is null && o.Country is not null).Select(o => o.Country!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var o in _overrides.Where(o => o.Facility is not null && o.Country is null))
            {
                foreach (var country in countries)
                {
                    Build(workflow, country, o.Facility);
                }
            }
        }
    }

    private static bool Same(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static T Deserialize<T>(JsonNode node, string path)
    {
        try
        {
            return node.Deserialize<T>(Json) ?? throw new PolicyException($"{path}: empty");
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 1 } p ? path + p[1..] : path;
            var message = ex.Message.Contains("could not be mapped", StringComparison.Ordinal) || ex.Message.Contains("JSON value", StringComparison.Ordinal)
                ? ex.Message.Split(" Path:", 2)[0]
                : ex.Message;
            throw new PolicyException($"{where}: {message}", ex);
        }
    }

    private static IEnumerable<PolicyOverride> ReadOverrides(JsonNode? value)
    {
        if (value is not JsonArray array)
        {
            throw new PolicyException("policies.overrides: must be a list");
        }

        for (var i = 0; i < array.Count; i++)
        {
            var item = RequireObject(array[i], string.Create(CultureInfo.InvariantCulture, $"policies.overrides[{i}]"));
            var country = item["country"]?.GetValue<string>();
            var facility = item["facility"]?.GetValue<string>();
            if (country is null && facility is null)
            {
                throw new PolicyException(string.Create(CultureInfo.InvariantCulture, $"policies.overrides[{i}]: name a country or a facility"));
            }

            var workflows = item["workflows"] as JsonObject ?? throw new PolicyException(string.Create(CultureInfo.InvariantCulture, $"policies.overrides[{i}].workflows: missing"));
            yield return new PolicyOverride(i, country, facility, (JsonObject)workflows.DeepClone());
        }
    }

    private static JsonObject RequireObject(JsonNode? node, string path) =>
        node as JsonObject ?? throw new PolicyException($"{path}: must be an object");

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private sealed record PolicyOverride(int Index, string? Country, string? Facility, JsonObject Workflows);

    private sealed record WorkflowPolicyDocument
    {
        public Dictionary<string, StepPolicy>? Steps { get; init; }

        public Dictionary<string, Duration>? Timers { get; init; }

        public Dictionary<string, List<ScheduleBand>>? Schedules { get; init; }

        public List<string>? ReasonCodes { get; init; }
    }
}
