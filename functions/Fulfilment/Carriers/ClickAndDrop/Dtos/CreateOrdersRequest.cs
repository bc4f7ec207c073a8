using System.Text.Json.Serialization;

namespace Fulfilment.Carriers.ClickAndDrop.Dtos;

/// <summary>Body of <c>POST /orders</c>: one or more orders (the spec's CreateOrdersRequest).</summary>
public sealed record CreateOrdersRequest(IReadOnlyList<CreateOrderRequest> Items);

/// <summary>One order to create (the subset of the spec's CreateOrderRequest we send).</summary>
public sealed record CreateOrderRequest
{
    public string? OrderReference { get; init; }
    /// <summary>Whether the recipient is a business: mandatory for business senders on Great Britain → Northern Ireland orders.</summary>
    public bool? IsRecipientABusiness { get; init; }
    public required RecipientDetailsRequest Recipient { get; init; }
    public SenderDetailsRequest? Sender { get; init; }
    public IReadOnlyList<ShipmentPackageRequest>? Packages { get; init; }
    public required DateTimeOffset OrderDate { get; init; }
    public string? SpecialInstructions { get; init; }
    public required decimal Subtotal { get; init; }
    public required decimal ShippingCostCharged { get; init; }
    public required decimal Total { get; init; }
    public string? CurrencyCode { get; init; }
    /// <summary>Who pays duties and taxes abroad: DDP, IOSS_DDP, DDU_DAP, IOSS_DDU, DTP or IOSS_DTP (Click &amp; Drop's default DDU_DAP).</summary>
    public string? DeliveryTerm { get; init; }
    public PostageDetailsRequest? PostageDetails { get; init; }
    public LabelGenerationRequest? Label { get; init; }
}

/// <summary>Who receives the parcel.</summary>
public sealed record RecipientDetailsRequest
{
    public required AddressRequest Address { get; init; }
    public string? PhoneNumber { get; init; }
    public string? EmailAddress { get; init; }
}

/// <summary>A postal address as Click &amp; Drop takes it.</summary>
public sealed record AddressRequest
{
    public string? FullName { get; init; }
    public string? CompanyName { get; init; }
    public required string AddressLine1 { get; init; }
    public string? AddressLine2 { get; init; }
    public string? AddressLine3 { get; init; }
    public required string City { get; init; }
    public string? County { get; init; }
    public string? Postcode { get; init; }
    public required string CountryCode { get; init; }
}

/// <summary>The sender as printed on the label.</summary>
public sealed record SenderDetailsRequest
{
    public string? TradingName { get; init; }
}

/// <summary>One parcel of the order.</summary>
public sealed record ShipmentPackageRequest
{
    public required int WeightInGrams { get; init; }
    public required string PackageFormatIdentifier { get; init; }
    public DimensionsRequest? Dimensions { get; init; }
    public IReadOnlyList<ProductItemRequest>? Contents { get; init; }
}

/// <summary>Parcel dimensions; all three must be non-zero when present.</summary>
public sealed record DimensionsRequest(int HeightInMms, int WidthInMms, int DepthInMms);

/// <summary>One line of the parcel's contents, with customs data for international parcels.</summary>
public sealed record ProductItemRequest
{
    public string? Name { get; init; }
    [JsonPropertyName("SKU")]
    public string? Sku { get; init; }
    public required int Quantity { get; init; }
    public decimal? UnitValue { get; init; }
    public int? UnitWeightInGrams { get; init; }
    public string? CustomsDescription { get; init; }
    public string? CustomsCode { get; init; }
    public string? OriginCountryCode { get; init; }
    public string? CustomsDeclarationCategory { get; init; }
}

/// <summary>Which postage service to buy and who is notified.</summary>
public sealed record PostageDetailsRequest
{
    public string? ServiceCode { get; init; }
    public string? SendNotificationsTo { get; init; }
    /// <summary>The sender's IOSS number for consignments to the EU (the spec spells the field in capitals).</summary>
    [JsonPropertyName("IOSSNumber")]
    public string? IossNumber { get; init; }
}

/// <summary>Whether the create response should carry the label (OBA only), and what the label document includes.</summary>
public sealed record LabelGenerationRequest(
    bool IncludeLabelInResponse,
    [property: JsonPropertyName("includeCN")] bool? IncludeCN = null,
    bool? IncludeReturnsLabel = null);
