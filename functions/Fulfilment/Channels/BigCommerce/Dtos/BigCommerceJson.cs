using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulfilment.Channels.BigCommerce.Dtos;

/// <summary>
/// The one JSON options set for BigCommerce's wire format (the v2 and v3 APIs, webhook deliveries and the login service), source-generated for
/// the DTOs we send and read: snake_case names, nulls not written, numbers readable from strings, and strings readable
/// from numbers and booleans (<see cref="LenientStringConverter"/>).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(LenientStringConverter)])]
[JsonSerializable(typeof(BcOrder))]
[JsonSerializable(typeof(List<BcOrder>))]
[JsonSerializable(typeof(List<BcOrderProduct>))]
[JsonSerializable(typeof(List<BcShippingAddress>))]
[JsonSerializable(typeof(List<BcOrderStatus>))]
[JsonSerializable(typeof(BcShipment))]
[JsonSerializable(typeof(List<BcShipment>))]
[JsonSerializable(typeof(BcCreateShipmentRequest))]
[JsonSerializable(typeof(BcTokenRequest))]
[JsonSerializable(typeof(BcTokenResponse))]
[JsonSerializable(typeof(BcHookRequest))]
[JsonSerializable(typeof(BcV3Item<BcHook>))]
[JsonSerializable(typeof(BcV3List<BcHook>))]
[JsonSerializable(typeof(BcWebhookDelivery))]
internal sealed partial class BigCommerceJson : JsonSerializerContext;
