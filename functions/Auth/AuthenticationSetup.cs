using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Web;

namespace Workflows.Functions.Auth;

/// <summary>
/// Authentication: Entra ID through Microsoft.Identity.Web in Azure (OpenID Connect + cookie for the UI,
/// JWT bearer for the API); in Development a sign-in page that picks a seeded user and the
/// <c>X-Dev-User</c> header for scripts — both exist only in Development.
/// </summary>
public static class AuthenticationSetup
{
    /// <summary>Adds authentication for the environment.</summary>
    public static IServiceCollection AddWorkflowsAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddTransient<IClaimsTransformation, DirectoryClaimsTransformation>();
        var builder = services.AddAuthentication(options =>
        {
            options.DefaultScheme = WorkflowsClaims.Scheme;
            options.DefaultChallengeScheme = WorkflowsClaims.Scheme;
        });

        if (environment.IsDevelopment())
        {
            builder.AddPolicyScheme(WorkflowsClaims.Scheme, "Development", options =>
                options.ForwardDefaultSelector = context => context.Request.Headers.ContainsKey(WorkflowsClaims.DevelopmentUserHeader)
                    ? WorkflowsClaims.DevelopmentHeaderScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme);
            builder.AddScheme<AuthenticationSchemeOptions, DevelopmentUserHandler>(WorkflowsClaims.DevelopmentHeaderScheme, null);
            builder.AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, ConfigureCookie);
            return services;
        }

        var azureAd = configuration.GetSection("AzureAd");
        if (string.IsNullOrWhiteSpace(azureAd["TenantId"]) || string.IsNullOrWhiteSpace(azureAd["ClientId"]))
        {
            // Not a start-up failure: a first deployment runs before its app registration exists, and a
            // crash-looping app would also stop firing timers. Nobody can sign in until it is set.
            builder.AddScheme<AuthenticationSchemeOptions, SignInNotConfiguredHandler>(WorkflowsClaims.Scheme, null);
            services.AddHostedService<SignInNotConfiguredWarning>();
            return services;
        }

        builder.AddPolicyScheme(WorkflowsClaims.Scheme, "Entra ID", options =>
            // Bearer tokens go to JWT bearer; other API calls to the session cookie (a bare 401 when there
            // is none, never a sign-in redirect or a metadata fetch); pages to OpenID Connect.
            options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.FirstOrDefault()?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true
                    ? JwtBearerDefaults.AuthenticationScheme
                    : IsApi(context.Request) ? CookieAuthenticationDefaults.AuthenticationScheme : OpenIdConnectDefaults.AuthenticationScheme);
        builder.AddMicrosoftIdentityWebApp(azureAd, OpenIdConnectDefaults.AuthenticationScheme, CookieAuthenticationDefaults.AuthenticationScheme);
        builder.AddMicrosoftIdentityWebApi(azureAd, JwtBearerDefaults.AuthenticationScheme);
        services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, ConfigureCookie);
        services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
        {
            options.ForwardAuthenticate = CookieAuthenticationDefaults.AuthenticationScheme;
            var redirect = options.Events.OnRedirectToIdentityProvider;
            options.Events.OnRedirectToIdentityProvider = async context =>
            {
                // APIs answer 401 instead of sending a browser to the sign-in page.
                if (IsApi(context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.HandleResponse();
                    return;
                }

                await redirect(context).ConfigureAwait(false);
            };
        });
        return services;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.LoginPath = "/signin";
        options.AccessDeniedPath = "/forbidden";
        options.Cookie.Name = "workflows.auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.SlidingExpiration = true;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);

        // Session lifetime is real time, even when the development clock is moved forward.
        options.TimeProvider = TimeProvider.System;
        options.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/runtime", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/dev", StringComparison.OrdinalIgnoreCase)
        || request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
}
