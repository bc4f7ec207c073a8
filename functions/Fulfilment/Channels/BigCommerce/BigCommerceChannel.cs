using System.Globalization;
using System.Runtime.CompilerServices;
using Fulfilment.Channels.BigCommerce.Dtos;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>
/// The BigCommerce channel: polls v2 orders by status and modification time (re-checking the store's order webhooks,
/// which only hint), and writes despatches back as shipments.
/// </summary>
public sealed class BigCommerceChannel : IChannel
{
    public const string ChannelName = "BigCommerce";

    /// <summary>9 = Awaiting Shipment (merchants may rename it, the id stays).</summary>
    public const string AwaitingShipmentStatus = "9";

    /// <summary>The connection credential: the store's API token from the app install.</summary>
    public const string AccessToken = "accessToken";

    public static readonly ChannelDescriptor DescriptorValue = new(ChannelName, ChannelCapabilities.DespatchWriteBack, AwaitingShipmentStatus, SettingFields: []);

    private readonly BigCommerceClient _client;
    private readonly IOptions<BigCommerceOptions> _options;
    private readonly BigCommerceHooks _hooks;

    public BigCommerceChannel(BigCommerceClient client, IOptions<BigCommerceOptions> options, BigCommerceHooks hooks)
    {
        _client = client;
        _options = options;
        _hooks = hooks;
    }

    public ChannelDescriptor Descriptor => DescriptorValue;

    /// <summary>Eligible orders after the query's position, by keyset reads over v2 orders (see <see cref="BigCommerceOrderReader"/>).</summary>
    public async IAsyncEnumerable<ChannelOrderPage> ReadOrdersAsync(ChannelConnection connection, OrderQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var store = StoreOf(connection);
        // Polls are the upkeep of the webhooks too: a hook BigCommerce deactivated is found within an interval.
        await _hooks.RecheckAsync(connection, cancellationToken);
        // BigCommerce silently ignores a bad filter and returns every order: refuse rather than import everything.
        var statusId = StatusIdOf(query.ImportStatus)
            ?? throw BigCommerceException.Invalid($"The BigCommerce import status must be a status id such as \"9\", not \"{query.ImportStatus}\".");
        var reader = new BigCommerceOrderReader(_client, _options.Value.PageSize);
        await foreach (var page in reader.ReadAsync(store, statusId, query, o => IsInWindow(o, statusId, query), cancellationToken))
            yield return page;
    }

    public async Task<ChannelOrder> GetOrderAsync(ChannelConnection connection, ChannelOrderSummary summary, CancellationToken cancellationToken)
    {
        var store = StoreOf(connection);
        var orderId = ParseId(summary.ChannelOrderId, "order id");
        var order = summary.ChannelState as BcOrder ?? await _client.GetOrderAsync(store, orderId, cancellationToken);
        if (BigCommerceMapper.FromConsignments(order) is var (inlineProducts, inlineAddresses))
            return BigCommerceMapper.ToChannelOrder(order, inlineProducts, inlineAddresses);
        var products = await _client.GetAllOrderProductsAsync(store, orderId, cancellationToken);
        var addresses = await _client.ListShippingAddressesAsync(store, orderId, cancellationToken);
        return BigCommerceMapper.ToChannelOrder(order, products, addresses);
    }

    public async Task<DespatchResult> MarkDespatchedAsync(ChannelConnection connection, DespatchNotice notice, CancellationToken cancellationToken)
    {
        var store = StoreOf(connection);
        var orderId = ParseId(notice.ChannelOrderId, "channel order id");
        var tracking = notice.TrackingNumber.Trim();

        // Idempotent by construction: a shipment with our tracking number means a previous attempt got through. The first
        // attempt has no previous one, and saves the call (write-backs are half of a backlog's quota).
        if (!notice.FirstAttempt)
        {
            var existing = await _client.ListShipmentsAsync(store, orderId, cancellationToken);
            var same = existing.FirstOrDefault(s => string.Equals(s.TrackingNumber?.Trim(), tracking, StringComparison.OrdinalIgnoreCase));
            if (same is not null)
                return new DespatchResult(same.Id.ToString(CultureInfo.InvariantCulture), AlreadyRecorded: true);
        }

        var addressId = notice.ShippingAddressId is { Length: > 0 } given
            ? ParseId(given, "shipping address id")
            : await SingleAddressIdAsync(store, orderId, cancellationToken);

        var created = await _client.CreateShipmentAsync(store, orderId, new BcCreateShipmentRequest
        {
            OrderAddressId = addressId,
            Items = notice.Lines.Select(l => new BcShipmentItem { OrderProductId = ParseId(l.LineId, "line id"), Quantity = l.Quantity }).ToList(),
            TrackingNumber = tracking,
            ShippingProvider = ShippingProviderFor(notice.ShippingCarrier),
            // The AfterShip slug is left empty: BigCommerce then derives the link from shipping_provider.
            TrackingCarrier = "",
            ShippingMethod = notice.ServiceName,
        }, cancellationToken);
        return new DespatchResult(created.Id.ToString(CultureInfo.InvariantCulture), AlreadyRecorded: false);
    }

    /// <summary>Our neutral carrier name to BigCommerce's shipping_provider; unknown carriers get "" (custom).</summary>
    public static string ShippingProviderFor(string? carrier) => carrier?.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() switch
    {
        "royalmail" => "royalmail",
        "ups" => "ups",
        "fedex" => "fedex",
        "usps" => "usps",
        _ => "",
    };

    /// <summary>The import status must be one of the store's own order status ids.</summary>
    public async Task<IReadOnlyList<string>> ValidateSettingsAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        var importStatus = connection.ImportStatus ?? AwaitingShipmentStatus;
        if (StatusIdOf(importStatus) is not { } statusId)
            return [$"importStatus must be a BigCommerce order status id such as \"9\" (Awaiting Shipment), not \"{importStatus}\""];
        var statuses = await _client.ListOrderStatusesAsync(StoreOf(connection), cancellationToken);
        return statuses.Any(s => s.Id == statusId)
            ? []
            : [$"importStatus {statusId} is not one of the store's order statuses ({string.Join(", ", statuses.Select(s => $"{s.Id} {s.Name}"))})"];
    }

    internal static int? StatusIdOf(string? status) =>
        int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private async Task<long> SingleAddressIdAsync(BigCommerceStore store, long orderId, CancellationToken cancellationToken)
    {
        var addresses = await _client.ListShippingAddressesAsync(store, orderId, cancellationToken);
        if (addresses.Count != 1)
            throw BigCommerceException.Invalid($"BigCommerce order {orderId} has {addresses.Count} shipping addresses; the despatch notice must name one.");
        return addresses[0].Id;
    }

    /// <summary>Defence in depth: were a filter ignored upstream, we still never import what the query excludes.</summary>
    internal static bool IsInWindow(BcOrder order, int statusId, OrderQuery query)
    {
        if (order.StatusId != statusId)
            return false;
        // v2 dates have whole seconds; compare at that precision so an order in the boundary second is kept.
        return !BigCommerceDates.TryParse(order.DateCreated, out var created) || created >= WholeSeconds(query.CreatedSince);
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));

    internal static BigCommerceStore StoreOf(ChannelConnection connection)
    {
        if (connection.Credential(AccessToken) is not { Length: > 0 } token)
            throw BigCommerceException.MissingCredential();
        if (!BigCommerceStoreHash.IsValid(connection.StoreId))
            throw BigCommerceException.Invalid("A BigCommerce store hash is lower-case letters and digits only.");
        return new BigCommerceStore(connection.StoreId, token);
    }

    private static long ParseId(string value, string what) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw BigCommerceException.Invalid($"BigCommerce {what} must be a number, not \"{value}\".");
}
