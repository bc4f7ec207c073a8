namespace Fulfilment.Carriers.Ekart.Dtos;

// POST /v2/shipments/create, as Ekart's B2C (NonLarge) document and its Durin request models describe it.

/// <summary>The create request: the merchant, the goods category and the shipments grouped by service code.</summary>
public sealed record EkartCreateRequest(string? RequestId, string ClientName, string GoodsCategory, IReadOnlyList<EkartService> Services);

/// <summary>The shipments of one service code.</summary>
public sealed record EkartService(string ServiceCode, IReadOnlyList<EkartServiceDetail> ServiceDetails);

/// <summary>One shipment: its leg (FORWARD), where and how it goes, and what is in it.</summary>
public sealed record EkartServiceDetail(string ServiceLeg, EkartServiceData ServiceData, EkartShipment Shipment);

/// <summary>Cash to collect (0 for prepaid), box size and the three locations.</summary>
public sealed record EkartServiceData(decimal AmountToCollect, string DeliveryType, string VendorName, EkartLocation Source, EkartLocation Destination,
    EkartLocation ReturnLocation);

/// <summary>A registered location code, or a full address (exactly one of the two).</summary>
public sealed record EkartLocation(string? LocationCode, EkartAddress? Address);

public sealed record EkartAddress(string FirstName, string AddressLine1, string? AddressLine2, string Pincode, string City, string State,
    string PrimaryContactNumber, string? EmailId);

/// <summary>The parcel: our references, its value, its box and its items.</summary>
public sealed record EkartShipment(string ClientReferenceId, string TrackingId, decimal ShipmentValue, EkartDimensions ShipmentDimensions,
    IReadOnlyList<EkartItem> ShipmentItems);

/// <summary>Centimetres and kilograms.</summary>
public sealed record EkartDimensions(EkartMeasure Length, EkartMeasure Breadth, EkartMeasure Height, EkartMeasure Weight);

public sealed record EkartMeasure(decimal Value);

public sealed record EkartItem(string? ProductId, string ProductTitle, int Quantity, string? Hsn, EkartSellerDetails? SellerDetails,
    IReadOnlyList<EkartAttribute> ItemAttributes);

public sealed record EkartSellerDetails(string SellerRegName, string? GstinId);

public sealed record EkartAttribute(string Name, string Value);

/// <summary>PUT /v2/shipments/rto/create: Ekart's one cancellation call (cancelled before pickup, returned to origin after).</summary>
public sealed record EkartRtoRequest(string? RequestId, IReadOnlyList<EkartRtoItem> RequestDetails);

public sealed record EkartRtoItem(string TrackingId, string Reason);

/// <summary>POST /v2/shipments/track.</summary>
public sealed record EkartTrackRequest(IReadOnlyList<string> TrackingIds);
