using System.Text.Json.Serialization;
using Fulfilment.Functions.Http;
using Fulfilment.Orders;
using Fulfilment.Storage;
using Fulfilment.Tracking;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Manage;

/// <summary>An order's carrier shipment as ops see it: where the carrier says it is, and since when.</summary>
public sealed record ShipmentView(string Carrier, string CarrierAccountId, string CarrierShipmentId, string Reference, string? TrackingNumber,
    ShipmentState State, TrackingState? TrackingState, DateTimeOffset? TrackingStateAt, string? CarrierStatus, DateTimeOffset CreatedAt,
    DateTimeOffset? DespatchedAt, DateTimeOffset? LastHeardAt, string? LabelBlob, string? LabelProblem)
{
    public static ShipmentView From(ShipmentRecord s) => new(s.Carrier, s.CarrierAccountId, s.CarrierShipmentId, s.Reference, s.TrackingNumber,
        s.State, s.TrackingState, s.TrackingStateAt, s.CarrierStatus, s.CreatedAt, s.DespatchedAt, s.LastHeardAt, s.LabelBlob, s.LabelProblem);
}

/// <summary>What a timeline entry is: a state change of the order, a note on it, or a tracking event of its shipment.</summary>
public enum TimelineKind
{
    State,
    Note,
    Tracking,
}

/// <summary>
/// One entry of an order's timeline. State changes and notes carry <see cref="From"/>/<see cref="To"/>/<see cref="Note"/>;
/// tracking events carry the carrier's status, our state for it, where, and how the event reached us (and, with ?raw=true,
/// the body the carrier sent).
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, TimelineKind Kind)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OrderState? From { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OrderState? To { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CarrierStatus { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrackingState? TrackingState { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Location { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrackingEventSource? Source { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ReceivedAt { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Raw { get; init; }
}

/// <summary>"Where is this order": the order, its shipment, and every state change and tracking event in time order.</summary>
public sealed record OrderTimelineView(OrderView Order, ShipmentView? Shipment, IReadOnlyList<TimelineEntry> Timeline);

/// <summary>
/// HTTP GET: one order's timeline in one call: the order (state, reason, history), its carrier shipment (tracking state,
/// despatch, label), and every state change, note and tracking event merged by time. <c>?raw=true</c> adds the body each
/// webhook event arrived with.
/// </summary>
public sealed class AdminOrderTimeline(IOrderStore orders, IShipmentStore shipments, ITrackingEventStore events)
{
    [Function(nameof(AdminOrderTimeline))]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Manage + "/orders/{connectionId}/{channelOrderId}/timeline")] HttpRequest request)
    {
        var ct = request.HttpContext.RequestAborted;
        var key = new OrderKey((string)request.RouteValues["connectionId"]!, (string)request.RouteValues["channelOrderId"]!);
        var withRaw = string.Equals(request.Query["raw"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var order = await orders.GetAsync(key, ct);
        if (order is null)
            return ApiResults.NotFound($"There is no order {key}.");

        var entries = order.History.Select(t => new TimelineEntry(t.At, t.From == t.To ? TimelineKind.Note : TimelineKind.State)
        {
            From = t.From,
            To = t.To,
            Note = t.Note,
        }).ToList();

        ShipmentRecord? shipment = null;
        if (order.Plan?.CarrierAccountId is { } accountId && order.CarrierShipmentId is { } shipmentId)
        {
            shipment = await shipments.GetAsync(accountId, shipmentId, ct);
            entries.AddRange((await events.ListAsync(accountId, shipmentId, ct)).Select(e => new TimelineEntry(e.At, TimelineKind.Tracking)
            {
                CarrierStatus = e.CarrierStatus,
                TrackingState = e.State,
                Location = e.Location,
                Description = e.Description,
                Source = e.Source,
                ReceivedAt = e.ReceivedAt,
                Raw = withRaw ? e.Raw : null,
            }));
        }
        // Entries of the same instant: tracking events by how far along they are (carriers stamp whole seconds), the
        // history as recorded.
        var ordered = entries.Select((e, i) => (e, i))
            .OrderBy(x => x.e.At)
            .ThenBy(x => x.e.TrackingState is { } state ? TrackingStates.Rank(state) : 0)
            .ThenBy(x => x.i)
            .Select(x => x.e).ToList();
        return ApiResults.Ok(new OrderTimelineView(OrderView.From(order), shipment is null ? null : ShipmentView.From(shipment), ordered));
    }
}
