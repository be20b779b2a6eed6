using Microsoft.AspNetCore.HttpOverrides;

namespace Workflows.Functions.Hosting;

/// <summary>
/// Outside Development the app runs behind Container Apps' ingress, where TLS ends: it takes the
/// client's scheme and address from the forwarded headers (so HSTS and HTTPS redirection see the real
/// scheme and rate limits the real client), sends HSTS, and redirects plain HTTP to HTTPS — except
/// <c>/healthz</c>, which the platform's probes call over plain HTTP inside the environment (a redirect
/// would pass every probe whatever the health). The development sign-in form does not exist there.
/// </summary>
public static class TransportSecurity
{
    /// <summary>Configures forwarded headers and HTTPS redirection outside Development.</summary>
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsDevelopment())
        {
            return services;
        }

        // Only the ingress can reach the app, so whichever address forwards is trusted.
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
        return services.AddHttpsRedirection(options => options.HttpsPort = 443);
    }

    /// <summary>Adds the middleware outside Development.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Environment.IsDevelopment())
        {
            return app;
        }

        app.UseForwardedHeaders();
        app.UseHsts();
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal), branch => branch.UseHttpsRedirection());
        app.Use((context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/signin", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }
}
