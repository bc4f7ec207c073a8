namespace Fulfilment.Orders;

/// <summary>The allowed transitions between order states, in one place. Anything not listed is a bug and throws.</summary>
public static class OrderStateMachine
{
    private static readonly Dictionary<OrderState, OrderState[]> Allowed = new()
    {
        [OrderState.Imported] = [OrderState.Normalised, OrderState.Skipped, OrderState.NeedsAttention],
        [OrderState.Normalised] = [OrderState.ShipmentRequested, OrderState.NeedsAttention],
        // A carrier may reject the order (NeedsAttention) or accept it; an ambiguous failure keeps it here until looked up.
        [OrderState.ShipmentRequested] = [OrderState.ShipmentCreated, OrderState.NeedsAttention],
        [OrderState.ShipmentCreated] = [OrderState.Despatched],
        [OrderState.Despatched] = [OrderState.WrittenBack, OrderState.NeedsAttention],
        [OrderState.WrittenBack] = [],
        [OrderState.Skipped] = [],
        // Replay: once the cause is fixed (product added, mapping added, credentials renewed) the order starts again
        // from the last step that did not involve a carrier, so no second carrier order can come of it.
        [OrderState.NeedsAttention] = [OrderState.Imported, OrderState.Despatched],
    };

    public static bool CanMove(OrderState from, OrderState to) => Allowed[from].Contains(to);

    /// <summary>Final states are never left, so a late or redelivered message cannot move an order backwards.</summary>
    public static bool IsFinal(OrderState state) => Allowed[state].Length == 0;

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
