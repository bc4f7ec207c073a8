namespace Fulfilment.Orders;

/// <summary>The allowed transitions between order states, in one place. Anything not listed is a bug and throws.</summary>
public static class OrderStateMachine
{
    private static readonly Dictionary<OrderState, OrderState[]> Allowed = new()
    {
        [OrderState.Imported] = [OrderState.Normalised, OrderState.Skipped, OrderState.NeedsAttention, OrderState.Cancelled],
        [OrderState.Normalised] = [OrderState.ShipmentRequested, OrderState.NeedsAttention, OrderState.Cancelled],
        // A carrier may reject the order (NeedsAttention) or accept it; an ambiguous failure keeps it here until looked up.
        [OrderState.ShipmentRequested] = [OrderState.ShipmentCreated, OrderState.NeedsAttention],
        // Cancelled before pickup; a return can start before we heard of the pickup (tracking events arrive late).
        [OrderState.ShipmentCreated] = [OrderState.Despatched, OrderState.Cancelled, OrderState.Returning],
        [OrderState.Despatched] = [OrderState.WrittenBack, OrderState.NeedsAttention, OrderState.Returning],
        [OrderState.WrittenBack] = [OrderState.Returning],
        [OrderState.Skipped] = [],
        // Replay: once the cause is fixed (product added, mapping added, credentials renewed) the order starts again
        // from the last step that did not involve a carrier, so no second carrier order can come of it. A cancellation
        // may end it from here too.
        [OrderState.NeedsAttention] = [OrderState.Imported, OrderState.Despatched, OrderState.Cancelled, OrderState.Returning],
        [OrderState.Cancelled] = [],
        [OrderState.Returning] = [OrderState.Returned],
        [OrderState.Returned] = [],
    };

    // No pipeline step moves these on; only a return to origin can still follow a written-back order.
    private static readonly HashSet<OrderState> Final =
        [OrderState.WrittenBack, OrderState.Skipped, OrderState.Cancelled, OrderState.Returned];

    public static bool CanMove(OrderState from, OrderState to) => Allowed[from].Contains(to);

    /// <summary>Final states are never left by the pipeline, so a late or redelivered message cannot move an order backwards.</summary>
    public static bool IsFinal(OrderState state) => Final.Contains(state);

    /// <summary>The order has been cancelled (before or after pickup): nothing more ships for it.</summary>
    public static bool IsCancelled(OrderState state) => state is OrderState.Cancelled or OrderState.Returning or OrderState.Returned;

    public static void EnsureCanMove(OrderState from, OrderState to)
    {
        if (!CanMove(from, to))
            throw new InvalidOrderTransitionException(from, to);
    }

    /// <summary>How far along the happy path a state is; used to tell "already done" from "not allowed".</summary>
    public static int Progress(OrderState state) => state switch
    {
        OrderState.Imported => 0,
        OrderState.Normalised => 1,
        OrderState.ShipmentRequested => 2,
        OrderState.ShipmentCreated => 3,
        OrderState.Despatched => 4,
        OrderState.WrittenBack => 5,
        _ => -1,
    };
}

public sealed class InvalidOrderTransitionException(OrderState from, OrderState to)
    : InvalidOperationException($"An order cannot move from {from} to {to}.")
{
    public OrderState From { get; } = from;
    public OrderState To { get; } = to;
}
