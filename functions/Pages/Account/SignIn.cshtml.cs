using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Workflows.People;
using Workflows.Functions.Hosting;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Account;

/// <summary>
/// Sign-in. In Development: pick a seeded person from the directory (a cookie session as that person).
/// Elsewhere the page never shows: it challenges Entra ID (OpenID Connect).
/// </summary>
[EnableRateLimiting(RateLimits.PublicEntry)]
public sealed class SignInModel(IPersonDirectory directory, IWebHostEnvironment environment, UiText text) : PageModel
{
    public IReadOnlyList<Person> People { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? PersonId { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!environment.IsDevelopment())
        {
            return Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl() }, OpenIdConnectDefaults.AuthenticationScheme);
        }

        People = await directory.ListPeopleAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        var person = string.IsNullOrWhiteSpace(PersonId) ? null : await directory.FindAsync(PersonId, HttpContext.RequestAborted);
        if (person is null)
        {
            Errors.Add(nameof(PersonId), text["SignIn.PersonRequired"]);
            People = await directory.ListPeopleAsync(HttpContext.RequestAborted);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, person.Id), new Claim(ClaimTypes.Name, person.DisplayName)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(SafeReturnUrl());
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
