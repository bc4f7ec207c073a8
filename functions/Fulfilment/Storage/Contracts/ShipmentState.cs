namespace Fulfilment.Storage;

/// <summary>State of one carrier shipment we track until it is despatched.</summary>
public enum ShipmentState
{
    Open,
    Despatched,
}
