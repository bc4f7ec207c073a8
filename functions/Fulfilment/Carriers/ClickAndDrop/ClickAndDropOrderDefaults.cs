namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>What the carrier account adds to every order it sends.</summary>
/// <param name="TradingName">The sender's trading name when the plan names none.</param>
/// <param name="IossNumber">The account's IOSS registration, sent with consignments to the EU.</param>
/// <param name="LabelInResponse">Ask for the postage label in the create response (Online Business Accounts only).</param>
public sealed record ClickAndDropOrderDefaults(string? TradingName, string? IossNumber, bool LabelInResponse = false)
{
    public static readonly ClickAndDropOrderDefaults None = new(null, null);
}
