using Fulfilment.Connections;

namespace Fulfilment.Carriers;

/// <summary>What a carrier did with a cancellation.</summary>
public enum CarrierCancelOutcome
{
    /// <summary>The shipment is cancelled (or deleted, its label void): nothing leaves us.</summary>
    Cancelled,
    /// <summary>The parcel had left us: the carrier returns it to origin; tracking follows it home.</summary>
    ReturnToOrigin,
    /// <summary>The carrier cannot cancel it (despatched, manifested…); <see cref="CarrierCancellation.Message"/> says why.</summary>
    Refused,
}

/// <summary>The carrier's answer to one cancellation, in words ops can read.</summary>
public sealed record CarrierCancellation(CarrierCancelOutcome Outcome, string Message);

/// <summary>
/// A carrier that can cancel a shipment through its API. Safe to call again for a shipment already cancelled (the
/// answer is then the state it is in). Transport and auth failures throw the carrier's <c>PartnerException</c>.
/// </summary>
public interface ICarrierCancellation
{
    /// <summary>The carrier's name as its descriptor gives it.</summary>
    string Carrier { get; }

    Task<CarrierCancellation> CancelAsync(CarrierAccount account, string carrierShipmentId, string reference, string reason, CancellationToken cancellationToken);
}
