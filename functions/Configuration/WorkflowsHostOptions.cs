using System.ComponentModel.DataAnnotations;

namespace Workflows.Functions.Configuration;

/// <summary>Settings of the host itself (section <c>Workflows</c>).</summary>
public sealed class WorkflowsHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Workflows";

    /// <summary>
    /// The public base URL of this app (<c>Workflows:PublicBaseUrl</c>); links in emails, Teams cards
    /// and check-status payloads are built from it, never from the request's Host header.
    /// </summary>
    [Required(ErrorMessage = "Setting Workflows:PublicBaseUrl is missing: set it to the app's public address (http://localhost:7071 locally).")]
    [Url(ErrorMessage = "Setting Workflows:PublicBaseUrl must be an absolute http(s) URL.")]
    public string PublicBaseUrl { get; set; } = string.Empty;
}
