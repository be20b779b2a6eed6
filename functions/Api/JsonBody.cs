using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Workflows.Functions.Api;

/// <summary>
/// Reads a JSON body and turns every reading problem (malformed JSON, a wrong type, an unknown enum
/// value, a missing body) into a 400 ProblemDetails that names the field, instead of a bare 400 or a 500.
/// </summary>
public static partial class JsonBody
{
    /// <summary>Reads the body as <typeparamref name="T"/>; on failure returns the 400 answer.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return (null, ProblemResults.Field("body", "UnsupportedMediaType", "Send the request as application/json."));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, ProblemResults.Field("body", "Required", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            var message = ex.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? $"The value of '{field}' has the wrong type or is not one of the allowed values."
                : $"The body is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).";
            return (null, ProblemResults.Field(field, "InvalidJson", message));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large."));
        }
    }

    /// <summary>
    /// Reads an optional body: a request without one gives (null, null); a body that is there must be
    /// valid JSON of <typeparamref name="T"/>, as with <see cref="ReadAsync{T}"/>.
    /// </summary>
    public static Task<(T? Value, IResult? Error)> ReadOptionalAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var hasBody = request.ContentLength is not 0 && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false;
        return hasBody ? ReadAsync<T>(request) : Task.FromResult<(T?, IResult?)>((null, null));
    }

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return QuotedProperty().Replace(field, m => "." + m.Groups[1].Value).TrimStart('.');
    }

    [GeneratedRegex(@"\['([^']+)'\]")]
    private static partial Regex QuotedProperty();
}
