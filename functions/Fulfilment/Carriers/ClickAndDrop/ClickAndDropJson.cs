using System.Text.Json;
using System.Text.Json.Serialization;
using Fulfilment.Carriers.ClickAndDrop.Dtos;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>
/// Click &amp; Drop's wire format, source-generated for its DTOs: camelCase names (except where a DTO names a property
/// itself, like <c>SKU</c> and <c>IOSSNumber</c>), case-insensitive reading, numbers also from strings, nulls left out.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateOrdersRequest))]
[JsonSerializable(typeof(CreateOrdersResponse))]
[JsonSerializable(typeof(List<GetOrderInfoResource>))]
[JsonSerializable(typeof(DeleteOrdersResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(List<OrderErrorResponse>))]
internal sealed partial class ClickAndDropJson : JsonSerializerContext;
