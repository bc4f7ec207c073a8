using System.Globalization;
using Fulfilment.Storage;

namespace Fulfilment.Carriers.Ekart;

/// <summary>
/// Ekart's tracking ids are supplied by the merchant: the merchant code, C (cash on delivery) or P (prepaid), then ten
/// digits. Each order gets one for good, claimed under its reference before the first send, so a retry after a timeout
/// sends the same id again and Ekart's "already present" means our shipment exists, not that a second was made. Numbers
/// come from a sequence per merchant and tracking-id block, so two instances never give one out twice.
/// </summary>
public sealed class EkartTrackingIds(IIdentifierStore identifiers)
{
    /// <summary>The order's tracking id, allocated on first use; null when the account's block of numbers is used up.</summary>
    public async Task<string?> AllocateAsync(EkartAccountSettings account, string reference, bool cashOnDelivery, CancellationToken cancellationToken)
    {
        var scope = Scope(account.MerchantCode);
        var key = Key(reference, cashOnDelivery);
        if (await identifiers.FindAsync(scope, key, cancellationToken) is { } existing)
            return existing;
        var sequence = $"ekart:{account.MerchantCode}:{account.TrackingIdFrom.ToString(CultureInfo.InvariantCulture)}";
        var number = account.TrackingIdFrom + await identifiers.NextAsync(sequence, cancellationToken) - 1;
        if (number > account.TrackingIdTo)
            return null;
        var trackingId = Format(account.MerchantCode, cashOnDelivery, number);
        return await identifiers.ClaimAsync(scope, key, trackingId, cancellationToken);
    }

    /// <summary>The tracking ids the order's reference ever had (prepaid and cash on delivery), without allocating any.</summary>
    public async Task<IReadOnlyList<string>> FindAsync(string merchantCode, string reference, CancellationToken cancellationToken)
    {
        var found = new List<string>(2);
        foreach (var cod in new[] { false, true })
            if (await identifiers.FindAsync(Scope(merchantCode), Key(reference, cod), cancellationToken) is { } id)
                found.Add(id);
        return found;
    }

    public static string Format(string merchantCode, bool cashOnDelivery, long number) =>
        merchantCode + (cashOnDelivery ? "C" : "P") + number.ToString("D10", CultureInfo.InvariantCulture);

    private static string Scope(string merchantCode) => $"ekart-tracking-id:{merchantCode}";

    // The C/P letter is part of the id: an order re-planned with another payment gets its own id (its first never shipped).
    private static string Key(string reference, bool cashOnDelivery) => reference + (cashOnDelivery ? "|C" : "|P");
}
