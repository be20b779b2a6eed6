using Microsoft.OpenApi;

namespace Workflows.Functions.Api;

/// <summary>
/// OpenAPI metadata of endpoints that read their JSON body themselves (through <see cref="JsonBody"/>),
/// so that the document still shows the request schema and every answer. The request body is described
/// by an operation transformer, not by <c>Accepts</c>: accepts-metadata would also take part in routing
/// and answer a wrong content type with a bare 415 instead of the 400 that names the body.
/// </summary>
public static class ApiMetadata
{
    /// <summary>A command: a JSON body of <typeparamref name="TRequest"/> (optional when <paramref name="bodyRequired"/> is false); 200, 400, 403, 404 or 409.</summary>
    public static RouteHandlerBuilder WithCommandMetadata<TRequest>(this RouteHandlerBuilder builder, bool bodyRequired = true)
        where TRequest : class =>
        builder.WithRequestSchema<TRequest>(["application/json"], bodyRequired: bodyRequired)
            .Produces<CommandRecorded>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>
    /// An intake: a JSON body of <typeparamref name="TRequest"/> (or, with <paramref name="attachments"/>,
    /// also a multipart form: the JSON in <c>request</c>, files in <c>attachments</c>, each file's tier in
    /// <c>attachmentTiers</c>); 202 with the check-status body, 400, 403 or 413.
    /// </summary>
    public static RouteHandlerBuilder WithIntakeMetadata<TRequest>(this RouteHandlerBuilder builder, bool attachments = false)
        where TRequest : class =>
        builder.WithRequestSchema<TRequest>(["application/json"], attachments: attachments)
            .Produces<IntakeAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static RouteHandlerBuilder WithRequestSchema<TRequest>(this RouteHandlerBuilder builder, IReadOnlyList<string> contentTypes, bool attachments = false, bool bodyRequired = true) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(TRequest), null, cancellationToken).ConfigureAwait(false);
            var content = contentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema });
            if (attachments)
            {
                content["multipart/form-data"] = new OpenApiMediaType { Schema = MultipartSchema() };
            }

            operation.RequestBody = new OpenApiRequestBody { Required = bodyRequired, Content = content };
        });

    private static OpenApiSchema MultipartSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string>(StringComparer.Ordinal) { "request" },
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["request"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request as JSON (the same body as application/json)." },
            ["attachments"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" }, Description = "PDF, PNG, JPEG or text files, 10 MB each." },
            ["attachmentTiers"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String }, Description = "The data tier of each attachment, in order." },
        },
    };
}
