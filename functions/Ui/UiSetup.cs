using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Workflows.Functions.Auth;

namespace Workflows.Functions.Ui;

/// <summary>
/// The web UI's services, middleware and endpoints (server-rendered Razor Pages, six languages). The
/// host calls these three methods; everything the UI needs is registered here.
/// </summary>
public static class UiSetup
{
    /// <summary>Registers the UI's services.</summary>
    public static IServiceCollection AddWorkflowsUi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLocalization();

        // Arabic, Chinese and Russian text as characters, not entities: smaller pages, same safety
        // (markup characters are still encoded).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = UiCultures.Names.Select(name => new CultureInfo(name)).ToList();
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;

            // The language chosen in the switcher (a cookie), else the browser's; never the query string.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Admin", AccessPolicies.Administrator);
            options.Conventions.AllowAnonymousToPage("/Account/SignIn");
            options.Conventions.AllowAnonymousToPage("/Account/Forbidden");
            options.Conventions.AllowAnonymousToPage("/Account/Culture");
            options.Conventions.AllowAnonymousToPage("/Account/SignOut");
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "workflows.antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>, DevelopmentPages>();
        services.AddSingleton<UiText>();
        services.AddSingleton<FacilityCatalogue>();
        services.AddSingleton<IntakeEntitlements>();
        services.AddSingleton<Dashboard.DashboardQueries>();
        return services;
    }

    /// <summary>Adds the UI's middleware (runs before authentication): the request culture.</summary>
    public static WebApplication UseWorkflowsUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>Maps the UI's endpoints.</summary>
    public static WebApplication MapWorkflowsUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages();
        return app;
    }
}
