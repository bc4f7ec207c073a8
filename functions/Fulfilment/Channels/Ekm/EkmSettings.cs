using Fulfilment.Connections;
using Fulfilment.Partners;

namespace Fulfilment.Channels.Ekm;

/// <summary>An EKM connection's own settings: which status we import and which we set on despatch, by the store's status names.</summary>
public static class EkmSettings
{
    /// <summary>"Import orders in status" when the connection does not say (the common ImportStatus field holds it).</summary>
    public const string DefaultImportStatus = "Processing";
    public const string DefaultDespatchedStatus = "Dispatched";

    /// <summary>"Set despatched orders to status".</summary>
    public const string DespatchedStatus = "despatchedStatus";
    /// <summary>Why the statuses were last reset to the defaults; a note for the operator, who may clear it.</summary>
    public const string StatusesReset = "statusesReset";

    public static readonly IReadOnlyList<PartnerField> Fields =
    [
        new(DespatchedStatus, $"The EKM order status set when an order is despatched (default {DefaultDespatchedStatus}); one of the store's own statuses.", MaxLength: 100),
        new(StatusesReset, "Why the import and despatched statuses were last reset to the defaults (a note; send null to clear it).", MaxLength: 500),
    ];

    public static string ImportStatusOf(ChannelConnection connection) =>
        string.IsNullOrWhiteSpace(connection.ImportStatus) ? DefaultImportStatus : connection.ImportStatus.Trim();

    public static string DespatchedStatusOf(ChannelConnection connection) =>
        connection.Setting(DespatchedStatus) is { Length: > 0 } status ? status.Trim() : DefaultDespatchedStatus;
}

/// <summary>Whether an EKM order may be imported: in the import status, paid (not status alone), and young enough.</summary>
public static class EkmEligibility
{
    public static bool IsPaid(Dtos.EkmOrder order, bool requireTransactionId) =>
        string.Equals(order.PaymentStatus, "SUCCESS", StringComparison.OrdinalIgnoreCase)
        && (!requireTransactionId || !string.IsNullOrWhiteSpace(order.TransactionId));

    public static bool IsEligible(Dtos.EkmOrder order, string statusCode, DateTimeOffset createdSince, bool requireTransactionId) =>
        string.Equals(order.Status?.Trim(), statusCode, StringComparison.OrdinalIgnoreCase)
        && IsPaid(order, requireTransactionId)
        && order.OrderDate >= createdSince;
}
