using Fulfilment.Shipping;

namespace Fulfilment.Orders;

/// <summary>
/// The order aggregate: its state, the channel snapshot, the normalised plan, carrier identifiers and the history of
/// every transition. All state changes go through <see cref="MoveTo"/>, which enforces <see cref="OrderStateMachine"/>.
/// </summary>
public sealed class FulfilmentOrder
{
    private readonly List<OrderTransition> _history;

    public FulfilmentOrder(OrderKey key, string channel, ChannelOrder snapshot, DateTimeOffset importedAt)
    {
        Key = key;
        Channel = channel;
        Snapshot = snapshot;
        State = OrderState.Imported;
        ImportedAt = importedAt;
        UpdatedAt = importedAt;
        _history = [new OrderTransition(importedAt, null, OrderState.Imported, null)];
    }

    /// <summary>Rehydrates a stored order; only the storage layer calls this.</summary>
    public FulfilmentOrder(OrderKey key, string channel, ChannelOrder snapshot, OrderState state, DateTimeOffset importedAt,
        DateTimeOffset updatedAt, IEnumerable<OrderTransition> history, string? reason = null)
    {
        Key = key;
        Channel = channel;
        Snapshot = snapshot;
        State = state;
        ImportedAt = importedAt;
        UpdatedAt = updatedAt;
        _history = history.ToList();
        Reason = reason;
    }

    public OrderKey Key { get; }
    public string Channel { get; }
    public ChannelOrder Snapshot { get; private set; }
    public OrderState State { get; private set; }
    public DateTimeOffset ImportedAt { get; }
    public DateTimeOffset UpdatedAt { get; private set; }
    /// <summary>Why the order is Skipped or NeedsAttention (or the last failure); null otherwise.</summary>
    public string? Reason { get; private set; }
    /// <summary>Where a replay resumes from NeedsAttention: before the carrier (Imported) or after despatch (Despatched).</summary>
    public OrderState? ResumeState { get; set; }
    public ShipmentPlan? Plan { get; set; }
    public string? CarrierShipmentId { get; set; }
    public string? TrackingNumber { get; set; }
    public DateTimeOffset? DespatchedAt { get; set; }
    /// <summary>Table Storage ETag of the stored version this object was read from; null for a new order.</summary>
    public string? ETag { get; set; }
    /// <summary>The trace id of the poll that imported the order, so one operation follows it through every queue.</summary>
    public string? TraceParent { get; set; }
    public IReadOnlyList<OrderTransition> History => _history;

    public void MoveTo(OrderState to, DateTimeOffset at, string? reason = null)
    {
        OrderStateMachine.EnsureCanMove(State, to);
        if (to == OrderState.NeedsAttention)
            ResumeState = OrderStateMachine.Progress(State) >= OrderStateMachine.Progress(OrderState.Despatched)
                ? OrderState.Despatched
                : OrderState.Imported;
        else if (State == OrderState.NeedsAttention && to != ResumeState)
            throw new InvalidOrderTransitionException(State, to);

        _history.Add(new OrderTransition(at, State, to, reason));
        State = to;
        Reason = to is OrderState.Skipped or OrderState.NeedsAttention ? reason : null;
        UpdatedAt = at;
    }

    /// <summary>Replaces a stand-in snapshot with the order as the channel now gives it (before it is planned).</summary>
    public void ReplaceSnapshot(ChannelOrder snapshot)
    {
        if (State != OrderState.Imported)
            throw new InvalidOperationException($"Order {Key} is {State}; its channel snapshot is fixed once it is planned.");
        Snapshot = snapshot;
    }

    /// <summary>Sends a NeedsAttention order back to the step it failed at, once its cause has been fixed.</summary>
    public OrderState Replay(DateTimeOffset at)
    {
        if (State != OrderState.NeedsAttention || ResumeState is null)
            throw new InvalidOperationException($"Only an order that needs attention can be replayed; {Key} is {State}.");
        var target = ResumeState.Value;
        MoveTo(target, at, "replayed");
        ResumeState = null;
        return target;
    }
}

/// <summary>One entry of an order's history.</summary>
public sealed record OrderTransition(DateTimeOffset At, OrderState? From, OrderState To, string? Note);
