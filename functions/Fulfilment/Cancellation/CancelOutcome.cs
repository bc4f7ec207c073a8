using Fulfilment.Orders;

namespace Fulfilment.Cancellation;

/// <summary>What a cancellation came to.</summary>
public enum CancelOutcomeKind
{
    /// <summary>Nothing ships: cancelled before it reached a carrier, or the carrier cancelled (deleted) its shipment.</summary>
    Cancelled,
    /// <summary>The parcel had left us: the carrier is returning it to origin.</summary>
    Returning,
    /// <summary>The carrier order is still being created; the cancellation follows once it exists.</summary>
    Pending,
    /// <summary>It cannot be cancelled (despatched, manifested, a carrier without cancellation); the message says why.</summary>
    Refused,
    /// <summary>It was cancelled before; nothing was done again.</summary>
    AlreadyCancelled,
    NotFound,
}

/// <summary>The outcome of one cancellation, with the order's state after it and a sentence for ops.</summary>
public sealed record CancelOutcome(CancelOutcomeKind Kind, OrderState? State, string Message);
