using Workflows.Cases;
using Workflows.Functions.Api;

namespace Workflows.Functions.Ui;

/// <summary>Reads the attachment slots of a form: type, size and content checks before anything is written.</summary>
public static class AttachmentForm
{
    /// <summary>
    /// The largest form post a page with attachment slots reads: enough for files well over the attachment limit
    /// to arrive and be refused with a field error. Form files above 64 KB are buffered to disk, not memory.
    /// </summary>
    public const long FormLimitBytes = 64L * 1024 * 1024;

    /// <summary>The <c>accept</c> attribute of the file inputs.</summary>
    public const string Accept = ".pdf,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain";

    /// <summary>Reads slots <c>attachment{i}</c> (file) and <c>attachmentTier{i}</c> (its data tier); empty slots are skipped.</summary>
    public static async Task<IReadOnlyList<Attachment>> ReadAsync(IFormCollection form, int slots, FormErrors errors, UiText text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<Attachment>();
        for (var i = 0; i < slots; i++)
        {
            var file = form.Files.GetFile(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"attachment{i}"));
            if (file is null || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
            {
                continue;
            }

            if (!AttachmentRules.Types.Contains(file.ContentType ?? string.Empty))
            {
                errors.Add("attachments", text.Format("Error.attachments.Type", file.FileName));
                continue;
            }

            if (file.Length == 0)
            {
                errors.Add("attachments", text.Format("Error.attachments.Empty", file.FileName));
                continue;
            }

            if (file.Length > AttachmentRules.MaxBytes)
            {
                errors.Add("attachments", text.Format("Error.attachments.TooLarge", file.FileName));
                continue;
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            var content = buffer.ToArray();
            if (AttachmentRules.Problem(file.ContentType, content) is not null)
            {
                errors.Add("attachments", text.Format("Error.attachments.Mismatch", file.FileName));
                continue;
            }

            var tierText = form[string.Create(System.Globalization.CultureInfo.InvariantCulture, $"attachmentTier{i}")].FirstOrDefault();
            if (!Enum.TryParse<DataTier>(tierText, ignoreCase: false, out var tier) || !Enum.IsDefined(tier) || int.TryParse(tierText, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                errors.Add("attachments", text.Format("Error.attachments.Tier", file.FileName));
                continue;
            }

            list.Add(new Attachment(tier, file.ContentType!, content));
        }

        return list;
    }
}
