namespace Sandbox.Ekm;

/// <summary>A snapshot of an order's changeable state, for assertions.</summary>
public sealed record EkmOrderState(
    long Id,
    string OrderNumber,
    string Status,
    string PaymentStatus,
    string? TransactionId,
    DateTimeOffset? LastUpdated,
    string? DeliveryTrackingNumber,
    string? DeliveryTrackingCompany,
    string? DeliveryTrackingUrl,
    bool Emailed);
