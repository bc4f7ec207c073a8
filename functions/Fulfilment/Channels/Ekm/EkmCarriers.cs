namespace Fulfilment.Channels.Ekm;

/// <summary>Our neutral carrier names as EKM's delivery_tracking_company, and the public tracking page for a number.</summary>
public static class EkmCarriers
{
    public static string CompanyFor(string? carrier) => Normalise(carrier) switch
    {
        "royalmail" => "Royal Mail",
        "ekart" => "Ekart",
        _ => carrier?.Trim() ?? "",
    };

    /// <summary>Null when we know no public tracking page for the carrier.</summary>
    public static string? TrackingUrlFor(string? carrier, string trackingNumber) => Normalise(carrier) switch
    {
        "royalmail" => $"https://www.royalmail.com/track-your-item#/tracking-results/{Uri.EscapeDataString(trackingNumber)}",
        "ekart" => $"https://ekartlogistics.com/shipmenttrack/{Uri.EscapeDataString(trackingNumber)}",
        _ => null,
    };

    private static string Normalise(string? carrier) => (carrier ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("&", "", StringComparison.Ordinal).ToLowerInvariant();
}
