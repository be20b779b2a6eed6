using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Workflows.Cases;

namespace Workflows.Functions.Api;

/// <summary>
/// Multipart intake: a <c>request</c> part with the JSON request, and files in <c>attachments</c> parts,
/// each with its data tier in a matching <c>attachmentTiers</c> field (in order). Files land in blob
/// storage with the case; types and sizes are checked before anything is written.
/// </summary>
public static class MultipartIntake
{
    /// <summary>Reads the request and attaches the files to it.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, Func<T, IReadOnlyList<Attachment>> existing, Func<T, IReadOnlyList<Attachment>, T> attach)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(attach);
        ArgumentNullException.ThrowIfNull(request);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return (null, ProblemResults.Field("attachments", "TooLarge", "The upload is too large: attachments are limited to 10 MB each."));
        }

        if (form["request"].FirstOrDefault() is not { Length: > 0 } json)
        {
            return (null, ProblemResults.Field("request", "Required", "The multipart form needs a 'request' field with the JSON request."));
        }

        T? value;
        try
        {
            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            value = JsonSerializer.Deserialize<T>(json, options);
        }
        catch (JsonException ex)
        {
            return (null, ProblemResults.Field(ex.Path is { Length: > 2 } path ? path[2..] : "request", "InvalidJson", "The request field is not valid JSON for this request."));
        }

        if (value is null)
        {
            return (null, ProblemResults.Field("request", "Required", "The request field must hold a JSON object."));
        }

        var tiers = form["attachmentTiers"];
        var files = form.Files.GetFiles("attachments");
        var attachments = new List<Attachment>();
        for (var i = 0; i < files.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"attachments[{i}]");
            if (files[i].Length > AttachmentRules.MaxBytes)
            {
                return (null, ProblemResults.Field(field, "TooLarge", "Attachments are limited to 10 MB."));
            }

            if (i >= tiers.Count || !Enum.TryParse<DataTier>(tiers[i], ignoreCase: true, out var tier) || int.TryParse(tiers[i], CultureInfo.InvariantCulture, out _))
            {
                return (null, ProblemResults.Field($"attachmentTiers[{i}]", "Required", $"Give the data tier of each attachment: {string.Join(", ", Enum.GetNames<DataTier>())}."));
            }

            using var buffer = new MemoryStream();
            await files[i].CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
            attachments.Add(new Attachment(tier, files[i].ContentType, buffer.ToArray()));
        }

        return (attach(value, [.. existing(value), .. attachments]), null);
    }

    /// <summary>Type, size and content checks on every attachment, as field errors.</summary>
    public static List<FieldError> CheckAttachments(IReadOnlyList<Attachment>? attachments)
    {
        var errors = new List<FieldError>();
        for (var i = 0; i < (attachments?.Count ?? 0); i++)
        {
            var attachment = attachments![i];
            if (AttachmentRules.Problem(attachment.ContentType, attachment.Content) is { } problem)
            {
                errors.Add(new FieldError(string.Create(CultureInfo.InvariantCulture, $"attachments[{i}]"), "InvalidAttachment", problem));
            }
        }

        return errors;
    }
}
