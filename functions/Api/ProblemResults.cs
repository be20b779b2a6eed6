namespace Workflows.Functions.Api;

/// <summary>ProblemDetails answers that name the offending field, built from the domain's field errors.</summary>
public static class ProblemResults
{
    /// <summary>400 with the errors keyed by field (camelCase JSON path) and the stable error codes in <c>codes</c>.</summary>
    public static IResult Validation(IEnumerable<FieldError> errors)
    {
        var list = errors.ToList();
        return Results.ValidationProblem(
            list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "The request is not valid.",
            extensions: new Dictionary<string, object?>
            {
                ["codes"] = list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray()),
            });
    }

    /// <summary>400 naming one field.</summary>
    public static IResult Field(string field, string code, string message) => Validation([new FieldError(field, code, message)]);

    /// <summary>404 that says nothing about whether the thing exists for someone else.</summary>
    public static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    /// <summary>403.</summary>
    public static IResult Forbidden(string detail) => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.", detail: detail);

    /// <summary>409.</summary>
    public static IResult Conflict(string detail) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already decided.", detail: detail);
}
