using System.Text.Json;
using System.Text.Json.Serialization;
using Fulfilment.Orders;
using Fulfilment.Shipping;

namespace Fulfilment.Storage;

/// <summary>
/// The one JSON shape we store in table columns, source-generated for every type we store: web defaults (camelCase)
/// with enums as strings, so stored rows stay readable.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ChannelOrder))]
[JsonSerializable(typeof(ShipmentPlan))]
[JsonSerializable(typeof(IReadOnlyList<OrderTransition>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(RoutingRuleSet))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
