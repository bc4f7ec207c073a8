using Fulfilment.Orders;
using static Fulfilment.Tests.Orders.OrderBuilder;

namespace Fulfilment.Tests.Orders;

public class CancellationTransitionTests
{
    private static FulfilmentOrder OrderAt(params OrderState[] path)
    {
        var order = new FulfilmentOrder(Key, "BigCommerce", Order(), Now);
        foreach (var state in path)
            order.MoveTo(state, Now);
        return order;
    }

    [Theory]
    [InlineData(OrderState.Imported)]
    [InlineData(OrderState.Normalised)]
    [InlineData(OrderState.ShipmentCreated)]
    public void An_order_that_has_not_left_us_can_be_cancelled(OrderState from) =>
        Assert.True(OrderStateMachine.CanMove(from, OrderState.Cancelled));

    [Theory]
    [InlineData(OrderState.ShipmentRequested)]
    [InlineData(OrderState.Despatched)]
    [InlineData(OrderState.WrittenBack)]
    [InlineData(OrderState.Skipped)]
    [InlineData(OrderState.Returned)]
    public void An_order_in_flight_or_gone_cannot_be_cancelled_outright(OrderState from) =>
        Assert.False(OrderStateMachine.CanMove(from, OrderState.Cancelled));

    [Fact]
    public void A_written_back_order_can_still_return_to_origin_and_the_history_shows_each_step()
    {
        var order = OrderAt(OrderState.Normalised, OrderState.ShipmentRequested, OrderState.ShipmentCreated, OrderState.Despatched, OrderState.WrittenBack);
        Assert.True(OrderStateMachine.IsFinal(order.State));

        order.MoveTo(OrderState.Returning, Now, "returning to origin");
        order.MoveTo(OrderState.Returned, Now, "returned");

        Assert.Equal([OrderState.WrittenBack, OrderState.Returning, OrderState.Returned], order.History.TakeLast(3).Select(t => t.To));
        Assert.True(OrderStateMachine.IsFinal(order.State));
        Assert.Throws<InvalidOrderTransitionException>(() => order.MoveTo(OrderState.Despatched, Now));
    }

    [Fact]
    public void An_order_needing_attention_can_be_cancelled_and_is_then_no_longer_replayable()
    {
        var order = OrderAt(OrderState.NeedsAttention);
        Assert.Equal(OrderState.Imported, order.ResumeState);

        order.MoveTo(OrderState.Cancelled, Now, "cancelled by an operator");

        Assert.Null(order.ResumeState);
        Assert.Null(order.Reason);
        Assert.Throws<InvalidOperationException>(() => order.Replay(Now));
    }

    [Fact]
    public void Cancelled_orders_are_final_and_count_as_cancelled()
    {
        Assert.True(OrderStateMachine.IsFinal(OrderState.Cancelled));
        Assert.True(OrderStateMachine.IsCancelled(OrderState.Returning));
        Assert.False(OrderStateMachine.IsFinal(OrderState.Returning));
        Assert.False(OrderStateMachine.IsCancelled(OrderState.WrittenBack));
    }
}
