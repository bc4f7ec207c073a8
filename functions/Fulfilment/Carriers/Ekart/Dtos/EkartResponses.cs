namespace Fulfilment.Carriers.Ekart.Dtos;

/// <summary>Ekart's ApiResponse of create and cancel: one line per shipment.</summary>
public sealed record EkartApiResponse(string? RequestId, IReadOnlyList<EkartResponseLine> Lines);

/// <summary>REQUEST_RECEIVED or REQUEST_REJECTED for one tracking id, with Ekart's reasons.</summary>
public sealed record EkartResponseLine(string? TrackingId, string? Status, IReadOnlyList<string> Messages)
{
    public const string Received = "REQUEST_RECEIVED";

    public bool IsReceived => string.Equals(Status, Received, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One shipment as the track API describes it: our client reference and its history (any order).</summary>
public sealed record EkartTrackedShipment(string TrackingId, string? ClientReferenceId, IReadOnlyList<EkartHistoryEntry> History);

/// <summary>One history entry, its time already read (ISO 8601, or Ekart's IST <c>yyyy-MM-dd HH:mm:ss</c>).</summary>
public sealed record EkartHistoryEntry(string Status, DateTimeOffset At, string? City, string? HubName, string? Description);
