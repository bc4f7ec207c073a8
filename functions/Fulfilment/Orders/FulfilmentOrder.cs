using Fulfilment.Shipping;

namespace Fulfilment.Orders;

/// <summary>
/// The order aggregate: its state, the channel snapshot, the normalised plan, carrier identifiers and the history of
/// every transition. All state changes go through <see cref="MoveTo"/>, which enforces <see cref="OrderStateMachine"/>.
/// </summary>
public sealed class FulfilmentOrder
{
    /// <summary>
    /// Transitions kept on the order. A long-lived order (a replay loop, many tracking changes) must not outgrow Table
    /// Storage's 1 MiB entity: past this, the oldest after the first are dropped and counted.
    /// </summary>
    public const int MaxHistory = 100;

    /// <summary>Reasons longer than this are cut (they come from partners' error messages).</summary>
    public const int MaxReasonLength = 2000;

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
        LoadedState = null;
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
        LoadedState = state;
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
    /// <summary>How many transitions were dropped from the start of <see cref="History"/> to keep the order small.</summary>
    public int HistoryDropped { get; set; }
    /// <summary>When the order was first sent to a carrier: any later send must first look it up there by reference.</summary>
    public DateTimeOffset? CarrierRequestedAt { get; set; }
    /// <summary>The state the order had when it was read from storage (null for a new order); storage keeps indexes with it.</summary>
    public OrderState? LoadedState { get; set; }
    /// <summary>When a cancellation was asked for while the carrier order was still being created; it follows once it exists.</summary>
    public DateTimeOffset? CancelRequestedAt { get; set; }
    /// <summary>Why the order is being cancelled (from the channel or an operator), for the carrier and the history.</summary>
    public string? CancelReason { get; set; }
    /// <summary>Until when one write-back delivery holds the order (so two never record two shipments on the channel).</summary>
    public DateTimeOffset? WriteBackClaimedUntil { get; set; }
    /// <summary>When the first write-back delivery claimed the order: any later one may find its despatch on the channel already.</summary>
    public DateTimeOffset? WriteBackStartedAt { get; set; }

    public void MoveTo(OrderState to, DateTimeOffset at, string? reason = null)
    {
        OrderStateMachine.EnsureCanMove(State, to);
        if (to == OrderState.NeedsAttention)
            ResumeState = OrderStateMachine.Progress(State) >= OrderStateMachine.Progress(OrderState.Despatched)
                ? OrderState.Despatched
                : OrderState.Imported;
        else if (State == OrderState.NeedsAttention && to != ResumeState && !OrderStateMachine.IsCancelled(to))
            throw new InvalidOrderTransitionException(State, to);
        if (State == OrderState.NeedsAttention && OrderStateMachine.IsCancelled(to))
            ResumeState = null;

        reason = Shorten(reason);
        _history.Add(new OrderTransition(at, State, to, reason));
        if (_history.Count > MaxHistory)
        {
            _history.RemoveAt(1); // the first entry (the import) stays
            HistoryDropped++;
        }
        if (to == OrderState.ShipmentRequested)
            CarrierRequestedAt ??= at;
        State = to;
        Reason = to is OrderState.Skipped or OrderState.NeedsAttention ? reason : null;
        UpdatedAt = at;
    }

    /// <summary>Adds a note to the history without changing state (e.g. a carrier holding two orders for our reference).</summary>
    public void Note(DateTimeOffset at, string note)
    {
        _history.Add(new OrderTransition(at, State, State, Shorten(note)));
        if (_history.Count > MaxHistory)
        {
            _history.RemoveAt(1);
            HistoryDropped++;
        }
    }

    private static string? Shorten(string? text) =>
        text is { Length: > MaxReasonLength } ? text[..MaxReasonLength] + "…" : text;

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
