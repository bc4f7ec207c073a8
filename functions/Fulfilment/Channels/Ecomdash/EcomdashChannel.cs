using System.Runtime.CompilerServices;
using Fulfilment.Channels.Ecomdash.Dtos;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.Ecomdash;

/// <summary>
/// The Ecomdash channel, connected as Flxpoint connects it: an operator enters the merchant's ECD subscription key (no
/// OAuth). Polls orders in the import status created within the connection's last X days, writes despatches back as
/// a shipment with its tracking number and carrier id, and links and syncs listings (<see cref="EcomdashListings"/>).
/// </summary>
public sealed class EcomdashChannel(
    EcomdashClient client,
    EcomdashDespatch despatch,
    EcomdashReferenceData reference,
    IOptionsMonitor<EcomdashOptions> options) : IChannel, IChannelCredentialConnect
{
    public const string ChannelName = "Ecomdash";

    /// <summary>Paid and to be fulfilled (portal, Orders - Create): the default import status.</summary>
    public const string InProcessStatus = "InProcess";

    /// <summary>The statuses the portal names: New (unpaid), InProcess (paid, to fulfil), Complete (shipped).</summary>
    public static readonly IReadOnlyList<string> Statuses = ["New", InProcessStatus, "Complete"];

    public const string PublishNotSupported =
        "Publish Listings is not supported by Ecomdash: its API cannot create products or listings. Offer new products to Ecomdash " +
        "through the custom export feed instead (ecomdash: Bulk Import/Export → Integrated Import Formats), then link them.";

    public static readonly ChannelDescriptor DescriptorValue = new(ChannelName,
        ChannelCapabilities.DespatchWriteBack | ChannelCapabilities.LinkListings | ChannelCapabilities.SyncListings | ChannelCapabilities.ExportListings,
        InProcessStatus, EcomdashConnectionFields.Settings)
    {
        // getOrders filters and sorts by creation (or order) date only: positions are creation times, and an order paid
        // after it was created only shows up by reading the whole window again.
        ReadsWholeWindow = true,
        NotSupported = new Dictionary<ChannelCapabilities, string> { [ChannelCapabilities.PublishListings] = PublishNotSupported },
    };

    public ChannelDescriptor Descriptor => DescriptorValue;

    public string Channel => ChannelName;

    public IReadOnlyList<PartnerField> CredentialFields => EcomdashConnectionFields.Credentials;

    /// <summary>
    /// Keyset reads by (creation time, order id), the only order getOrders can filter and sort by: each request asks for
    /// page 1 from the position's whole second (FromDate), so an order that leaves or joins the set never shifts another
    /// out of view; the seconds before a full page's last second are complete on that page. When one second fills a
    /// page, or a page does not come sorted by creation (UNCONFIRMED that Ecomdash sorts so; the simulator does), the
    /// rest is read by page number to the end, and the whole-window re-read of the next poll (ReadsWholeWindow) makes
    /// up for any order a shifting page hid.
    /// </summary>
    public async IAsyncEnumerable<ChannelOrderPage> ReadOrdersAsync(ChannelConnection connection, OrderQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var merchant = EcomdashMerchant.Of(connection);
        var status = CanonicalStatus(query.ImportStatus)
            ?? throw EcomdashException.Invalid($"The Ecomdash import status must be one of {string.Join(", ", Statuses)}, not \"{query.ImportStatus}\".");
        var settings = options.CurrentValue;
        var size = settings.PageSize;
        var since = WholeSeconds(query.CreatedSince);
        var after = query.After;
        var from = Later(WholeSeconds(after.ModifiedAt), since);

        while (true)
        {
            var page = await client.GetOrdersAsync(merchant, EcomdashMapper.OrdersFilter(status, settings.OrdersDateType, from, null, 1, size), cancellationToken);
            var summaries = page.Items.Select(EcomdashMapper.ToSummary).ToList();
            if (summaries.Count < size)
            {
                if (Eligible(summaries, status, since, after) is { Count: > 0 } last)
                    yield return new ChannelOrderPage(last, last[^1].Position);
                yield break;
            }

            var lastSecond = summaries.Max(s => WholeSeconds(s.ModifiedAt));
            if (lastSecond > from && IsAscending(summaries))
            {
                var complete = Eligible(summaries.Where(s => s.ModifiedAt < lastSecond), status, since, after);
                after = OrderPosition.Max(after, OrderPosition.Before(lastSecond));
                yield return new ChannelOrderPage(complete, complete.Count > 0 ? OrderPosition.Max(after, complete[^1].Position) : after);
                from = lastSecond;
                continue;
            }

            // One second fills the page, or the page is not in creation order: page numbers from here to the end.
            var seen = Eligible(summaries, status, since, after);
            var reached = seen.Count > 0 ? OrderPosition.Max(after, seen[^1].Position) : after;
            yield return new ChannelOrderPage(seen, reached);
            for (var pageNumber = 2; ; pageNumber++)
            {
                page = await client.GetOrdersAsync(merchant, EcomdashMapper.OrdersFilter(status, settings.OrdersDateType, from, null, pageNumber, size), cancellationToken);
                var more = Eligible(page.Items.Select(EcomdashMapper.ToSummary), status, since, after);
                if (more.Count > 0)
                {
                    reached = OrderPosition.Max(reached, more[^1].Position);
                    yield return new ChannelOrderPage(more, reached);
                }
                if (page.Items.Count < size || (page.TotalPages is { } pages && pageNumber >= pages))
                    yield break;
            }
        }
    }

    public async Task<ChannelOrder> GetOrderAsync(ChannelConnection connection, ChannelOrderSummary summary, CancellationToken cancellationToken)
    {
        var merchant = EcomdashMerchant.Of(connection);
        var order = summary.ChannelState as EdOrder ?? await client.GetOrderAsync(merchant, summary.ChannelOrderId, cancellationToken);
        // Orders may carry their lines inline (UNCONFIRMED); otherwise the line-items operation gives them.
        IReadOnlyList<EdLineItem> lines = order.LineItems is { Count: > 0 } inline
            ? inline
            : await client.GetOrderLineItemsAsync(merchant, summary.ChannelOrderId, cancellationToken);
        return EcomdashMapper.ToChannelOrder(order, lines, EcomdashConnectionFields.CurrencyOf(connection));
    }

    public Task<DespatchResult> MarkDespatchedAsync(ChannelConnection connection, DespatchNotice notice, CancellationToken cancellationToken) =>
        despatch.MarkAsync(connection, notice, cancellationToken);

    /// <summary>
    /// The import status must be one Ecomdash has; the keys are checked with a live call (a 403 throws as
    /// Authentication, with plain words); named warehouses and carriers must exist on the account.
    /// </summary>
    public async Task<IReadOnlyList<string>> ValidateSettingsAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (CanonicalStatus(connection.ImportStatus ?? InProcessStatus) is null)
            problems.Add($"importStatus must be one of {string.Join(", ", Statuses)} (default {InProcessStatus}), not \"{connection.ImportStatus}\"");

        var merchant = EcomdashMerchant.Of(connection);
        await client.ProbeAsync(merchant, cancellationToken);

        var warehouseMap = EcomdashConnectionFields.Pairs.Parse(connection.Setting(EcomdashConnectionFields.Warehouses));
        var defaultWarehouse = connection.Setting(EcomdashConnectionFields.DefaultWarehouse);
        if (warehouseMap is { Count: > 0 } || defaultWarehouse is { Length: > 0 })
        {
            var warehouses = await reference.WarehousesAsync(merchant, cancellationToken, fresh: true);
            var names = string.Join(", ", warehouses.Select(w => w.Name));
            foreach (var (code, target) in warehouseMap ?? new Dictionary<string, string>())
            {
                if (EcomdashReferenceData.WarehouseId(warehouses, code, warehouseMap) is null)
                    problems.Add($"warehouses: Ecomdash has no warehouse \"{target}\" (for {code}); its warehouses are {names}");
            }
            if (defaultWarehouse is { Length: > 0 } && EcomdashReferenceData.DefaultWarehouseId(warehouses, defaultWarehouse) is null)
                problems.Add($"defaultWarehouse: Ecomdash has no warehouse \"{defaultWarehouse}\"; its warehouses are {names}");
        }

        if (EcomdashConnectionFields.Pairs.Parse(connection.Setting(EcomdashConnectionFields.Carriers)) is { Count: > 0 } carrierMap)
        {
            var carriers = await reference.CarriersAsync(merchant, cancellationToken, fresh: true);
            foreach (var (ours, target) in carrierMap)
            {
                if (EcomdashReferenceData.CarrierId(carriers, ours, carrierMap) is null)
                    problems.Add($"carriers: Ecomdash has no carrier \"{target}\" (for {ours}); its carriers are {string.Join(", ", carriers.Select(c => c.Name))}");
            }
        }
        return problems;
    }

    /// <summary>The status as Ecomdash spells it (matched without regard to case), or null when it has no such status.</summary>
    public static string? CanonicalStatus(string? status) =>
        Statuses.FirstOrDefault(s => string.Equals(s, status?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Defence in depth: were a filter ignored upstream, we still never import what the query excludes. Sorted by position.</summary>
    private static List<ChannelOrderSummary> Eligible(IEnumerable<ChannelOrderSummary> summaries, string status, DateTimeOffset since, OrderPosition after) =>
        summaries
            .Where(s => s.Position.CompareTo(after) > 0 && s.ModifiedAt >= since)
            .Where(s => s.ChannelState is not EdOrder { Status: { } given } || string.Equals(given, status, StringComparison.OrdinalIgnoreCase))
            .OrderBy(s => s.Position)
            .ToList();

    private static bool IsAscending(IReadOnlyList<ChannelOrderSummary> summaries)
    {
        for (var i = 1; i < summaries.Count; i++)
        {
            if (summaries[i].ModifiedAt < summaries[i - 1].ModifiedAt)
                return false;
        }
        return true;
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
