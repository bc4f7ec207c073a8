namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>What the carrier account adds to every order it sends.</summary>
/// <param name="TradingName">The sender's trading name when the plan names none.</param>
/// <param name="IossNumber">The account's IOSS registration, sent with consignments to the EU.</param>
public sealed record ClickAndDropOrderDefaults(string? TradingName, string? IossNumber)
{
    public static readonly ClickAndDropOrderDefaults None = new(null, null);
}
