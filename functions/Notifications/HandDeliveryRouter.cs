using Microsoft.Extensions.Options;
using Workflows.Cases;
using Workflows.Notifications;
using Workflows.People;

namespace Workflows.Functions.Notifications;

/// <summary>
/// Finds who hands a decision notice to the person concerned. Prisoners and returnees are not in the
/// directory and have no address, so their notice goes to the case's requester — the staff member who
/// opened the case at the facility — to print and hand over in the person's language. Nobody is chosen
/// when the requester has left the directory, has no address, or may not see the case (a confidential
/// complaint about them).
/// </summary>
public sealed class HandDeliveryRouter(ICaseStore cases, IPersonDirectory directory, IOptions<NotificationOptions> options)
{
    /// <summary>The hand delivery of <paramref name="notification"/>, or null when nobody can take it.</summary>
    public async Task<HandDelivery?> FindAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var record = await cases.GetAsync(notification.CaseId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.ExcludedStaffIds.Contains(record.RequesterId))
        {
            return null;
        }

        var deliverer = await directory.FindAsync(record.RequesterId, cancellationToken).ConfigureAwait(false);
        return deliverer is { Email.Length: > 0 }
            ? new HandDelivery(deliverer, NotificationTexts.Normalize(deliverer.Language) ?? options.Value.DefaultLanguage)
            : null;
    }
}
