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
    /// <summary>A command: a JSON body of <typeparamref name="TRequest"/>; 200, 400, 403, 404 or 409.</summary>
    public static RouteHandlerBuilder WithCommandMetadata<TRequest>(this RouteHandlerBuilder builder)
        where TRequest : class =>
        builder.WithRequestSchema<TRequest>(["application/json"])
            .Produces<CommandRecorded>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>An intake: a body of <typeparamref name="TRequest"/>; 202 with the check-status body, 400, 403 or 413.</summary>
    public static RouteHandlerBuilder WithIntakeMetadata<TRequest>(this RouteHandlerBuilder builder, params string[] additionalContentTypes)
        where TRequest : class =>
        builder.WithRequestSchema<TRequest>(["application/json", .. additionalContentTypes])
            .Produces<IntakeAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static RouteHandlerBuilder WithRequestSchema<TRequest>(this RouteHandlerBuilder builder, IReadOnlyList<string> contentTypes) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(TRequest), null, cancellationToken).ConfigureAwait(false);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = contentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }),
            };
        });
}
