using System.Text.Json.Nodes;

namespace Sandbox.Ekart;

/// <summary>A forward shipment that passed validation, ready to be created.</summary>
internal sealed record EkartShipmentRequest(
    string TrackingId,
    string ClientReferenceId,
    bool IsCod,
    decimal AmountToCollect,
    decimal ShipmentValue,
    decimal WeightKg,
    string ServiceCode,
    string DeliveryType,
    string VendorName,
    EkartPlace Source,
    EkartPlace Destination,
    JsonObject Detail);
