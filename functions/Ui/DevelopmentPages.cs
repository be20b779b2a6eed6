using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Workflows.Functions.Ui;

/// <summary>
/// The development pages (/development/clock, /development/outbox) exist only in Development: elsewhere they
/// get no route, so every request for them, read or write, is a 404 (their models also refuse outside Development).
/// </summary>
public sealed class DevelopmentPages(IWebHostEnvironment environment) : IConfigureOptions<RazorPagesOptions>
{
    /// <summary>The folder of the development pages.</summary>
    public const string Folder = "/Development";

    public void Configure(RazorPagesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!environment.IsDevelopment())
        {
            options.Conventions.AddFolderRouteModelConvention(Folder, model => model.Selectors.Clear());
        }
    }
}
