using Fulfilment.Connections;
using Fulfilment.Partners;
using Fulfilment.Shipping;

namespace Fulfilment.Carriers;

/// <summary>What a carrier connector can do; the pipeline asks this instead of checking types.</summary>
[Flags]
public enum CarrierCapabilities
{
    None = 0,
    /// <summary>Open shipments are polled for tracking numbers and despatch (no tracking webhooks).</summary>
    StatusPolling = 1,
    /// <summary>Labels can be fetched and stored once postage is applied.</summary>
    Labels = 2,
}

/// <summary>Describes a carrier connector: what it can do, how it batches, and what an account and a mapping of it need.</summary>
/// <param name="Name">Stable name stored on carrier accounts and mappings, e.g. "ClickAndDrop".</param>
/// <param name="ShippingCarrier">Neutral carrier name given to channels on write-back, e.g. "RoyalMail".</param>
/// <param name="MaxBatchSize">Most shipments one create call may carry.</param>
/// <param name="MaxLookupBatchSize">Most identifiers one lookup call may carry.</param>
/// <param name="AccountFields">The settings and credentials a carrier account holds.</param>
/// <param name="PackageFormats">The package formats a shipping mapping may name (the carrier's own spelling).</param>
/// <param name="ServiceCode">What a shipping mapping's service code must look like for this carrier.</param>
/// <param name="OriginCountry">The country the carrier ships from (ISO alpha-2), which says when customs data is needed; null: Great Britain.</param>
/// <param name="AccountCheck">Rules across an account's fields (e.g. "a location code or a whole pickup address"): its settings and
/// credentials in, what is wrong out (empty when valid; never quoting a secret).</param>
public sealed record CarrierDescriptor(
    string Name,
    string ShippingCarrier,
    CarrierCapabilities Capabilities,
    int MaxBatchSize,
    int MaxLookupBatchSize,
    IReadOnlyList<PartnerField> AccountFields,
    IReadOnlyList<string> PackageFormats,
    PartnerField ServiceCode,
    string? OriginCountry = null,
    Func<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>, IReadOnlyList<string>>? AccountCheck = null);

/// <summary>One shipment to create.</summary>
public sealed record ShipmentRequest(ShipmentPlan Plan)
{
    public string Reference => Plan.Reference;
}

/// <summary>A shipment the carrier accepted.</summary>
/// <param name="LabelPdf">The label, when the carrier gave it with the created shipment (stored then, never downloaded).</param>
/// <param name="LabelMissing">Why a label that was asked for did not come with the shipment; it is downloaded later instead.</param>
public sealed record CreatedShipment(string Reference, string CarrierShipmentId, string? TrackingNumber, byte[]? LabelPdf = null, string? LabelMissing = null);

/// <summary>A shipment the carrier refused as it is (a business rejection, recorded on the order).</summary>
public sealed record RejectedShipment(string Reference, string Reason);

/// <summary>The per-shipment outcome of one create call: partial success is normal.</summary>
public sealed record CarrierBatchResult(IReadOnlyList<CreatedShipment> Created, IReadOnlyList<RejectedShipment> Rejected);

/// <summary>A label, none yet, or the carrier's refusal to give one.</summary>
public sealed record CarrierLabel(byte[]? Pdf, string? Problem)
{
    public static readonly CarrierLabel NotYet = new(null, null);

    public static CarrierLabel Of(byte[] pdf) => new(pdf, null);

    public static CarrierLabel Refused(string problem) => new(null, problem);
}

/// <summary>What the carrier says about one shipment now.</summary>
public sealed record CarrierShipmentStatus
{
    public required string CarrierShipmentId { get; init; }
    public string? Reference { get; init; }
    public string? TrackingNumber { get; init; }
    /// <summary>Set once the carrier has despatched the shipment.</summary>
    public DateTimeOffset? DespatchedAt { get; init; }
    /// <summary>Set once postage is applied and a label exists.</summary>
    public DateTimeOffset? LabelPrintedAt { get; init; }
}

/// <summary>
/// The contract every carrier implements. Implementations speak the carrier's API and map from our types; they know
/// nothing about queues or tables. Transport and auth failures throw the carrier's <c>PartnerException</c> subtype;
/// business rejections come back as <see cref="RejectedShipment"/>.
/// </summary>
public interface ICarrier
{
    CarrierDescriptor Descriptor { get; }

    /// <summary>
    /// Creates the shipments (in as many calls as the carrier needs). Business rejections come back per shipment. Must
    /// never throw a Rejected failure once any shipment of the batch was created (the core would then send the whole
    /// batch again one by one); a Transient failure means some may exist, and the core looks them up before any resend.
    /// </summary>
    Task<CarrierBatchResult> CreateShipmentsAsync(CarrierAccount account, IReadOnlyList<ShipmentRequest> requests, CancellationToken cancellationToken);

    /// <summary>Finds shipments by our references; references the carrier does not know are simply absent from the result.</summary>
    Task<IReadOnlyList<CarrierShipmentStatus>> FindByReferenceAsync(CarrierAccount account, IReadOnlyList<string> references, CancellationToken cancellationToken);

    /// <summary>Current status of shipments by the carrier's ids; unknown ids are absent from the result.</summary>
    Task<IReadOnlyList<CarrierShipmentStatus>> GetStatusAsync(CarrierAccount account, IReadOnlyList<string> carrierShipmentIds, CancellationToken cancellationToken);

    /// <summary>
    /// The label: its PDF; or neither PDF nor problem when the account gets no labels through the API or the shipment
    /// has none yet; or the carrier's reason when it refuses to give one (recorded on the shipment, not asked again).
    /// </summary>
    Task<CarrierLabel> GetLabelAsync(CarrierAccount account, string carrierShipmentId, CancellationToken cancellationToken);

    /// <summary>
    /// Whether this account gets labels through the API at all. Where it does, an order is marked despatched only once its
    /// label is stored or the carrier's reason for refusing it is recorded.
    /// </summary>
    bool GivesLabels(CarrierAccount account) => Descriptor.Capabilities.HasFlag(CarrierCapabilities.Labels);
}
