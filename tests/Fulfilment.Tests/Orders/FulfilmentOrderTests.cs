using Fulfilment.Orders;
using static Fulfilment.Tests.Orders.OrderBuilder;

namespace Fulfilment.Tests.Orders;

public class FulfilmentOrderTests
{
    private static FulfilmentOrder NewOrder() => new(Key, "BigCommerce", Order(), Now);

    [Fact]
    public void Happy_path_records_every_transition_in_history()
    {
        var order = NewOrder();
        foreach (var state in new[] { OrderState.Normalised, OrderState.ShipmentRequested, OrderState.ShipmentCreated, OrderState.Despatched, OrderState.WrittenBack })
            order.MoveTo(state, Now);

        Assert.Equal(OrderState.WrittenBack, order.State);
        Assert.Equal(6, order.History.Count);
        Assert.True(OrderStateMachine.IsFinal(order.State));
    }

    [Fact]
    public void A_replay_loop_cannot_grow_the_history_past_its_cap_and_the_import_is_kept()
    {
        var order = NewOrder();
        for (var i = 0; i < 300; i++)
        {
            order.MoveTo(OrderState.NeedsAttention, Now.AddMinutes(i), new string('x', 5000));
            order.Replay(Now.AddMinutes(i));
        }

        Assert.Equal(FulfilmentOrder.MaxHistory, order.History.Count);
        Assert.Equal(OrderState.Imported, order.History[0].To);
        Assert.Null(order.History[0].From);
        Assert.Equal(600 + 1 - FulfilmentOrder.MaxHistory, order.HistoryDropped);
        Assert.All(order.History, t => Assert.True((t.Note?.Length ?? 0) <= FulfilmentOrder.MaxReasonLength + 1));
    }

    [Fact]
    public void The_first_time_an_order_is_sent_to_a_carrier_is_kept_through_a_replay()
    {
        var order = NewOrder();
        order.MoveTo(OrderState.Normalised, Now);
        order.MoveTo(OrderState.ShipmentRequested, Now.AddMinutes(1));
        order.MoveTo(OrderState.NeedsAttention, Now.AddMinutes(2), "rejected");
        order.Replay(Now.AddMinutes(3));
        order.MoveTo(OrderState.Normalised, Now.AddMinutes(4));

        Assert.Equal(Now.AddMinutes(1), order.CarrierRequestedAt);
    }

    [Fact]
    public void Moving_backwards_throws()
    {
        var order = NewOrder();
        order.MoveTo(OrderState.Normalised, Now);
        order.MoveTo(OrderState.ShipmentRequested, Now);

        Assert.Throws<InvalidOrderTransitionException>(() => order.MoveTo(OrderState.Normalised, Now));
        Assert.Throws<InvalidOrderTransitionException>(() => order.MoveTo(OrderState.Imported, Now));
    }

    [Fact]
    public void Final_states_cannot_be_left()
    {
        var order = NewOrder();
        order.MoveTo(OrderState.Skipped, Now, "all digital");

        Assert.Throws<InvalidOrderTransitionException>(() => order.MoveTo(OrderState.Normalised, Now));
        Assert.Equal("all digital", order.Reason);
    }

    [Fact]
    public void Replay_before_carrier_resumes_at_imported()
    {
        var order = NewOrder();
        order.MoveTo(OrderState.NeedsAttention, Now, "unknown SKU");

        Assert.Equal(OrderState.Imported, order.Replay(Now));
        Assert.Null(order.Reason);
    }

    [Fact]
    public void Replay_after_despatch_resumes_at_despatched_so_no_second_carrier_order_is_made()
    {
        var order = NewOrder();
        foreach (var state in new[] { OrderState.Normalised, OrderState.ShipmentRequested, OrderState.ShipmentCreated, OrderState.Despatched })
            order.MoveTo(state, Now);
        order.MoveTo(OrderState.NeedsAttention, Now, "channel refused");

        Assert.Equal(OrderState.Despatched, order.Replay(Now));
        Assert.Throws<InvalidOperationException>(() => order.Replay(Now));
    }

    [Fact]
    public void Needs_attention_cannot_jump_to_a_state_other_than_its_resume_state()
    {
        var order = NewOrder();
        order.MoveTo(OrderState.NeedsAttention, Now, "unknown SKU");

        Assert.Throws<InvalidOrderTransitionException>(() => order.MoveTo(OrderState.Despatched, Now));
    }
}
