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
        services.AddRazorPages();
        return services;
    }

    /// <summary>Adds the UI's middleware (runs before authentication).</summary>
    public static WebApplication UseWorkflowsUi(this WebApplication app) => app;

    /// <summary>Maps the UI's endpoints.</summary>
    public static WebApplication MapWorkflowsUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages();
        return app;
    }
}
