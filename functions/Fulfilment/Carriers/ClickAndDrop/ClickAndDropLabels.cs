using System.Globalization;
using Fulfilment.Carriers.ClickAndDrop.Dtos;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>
/// Reads Click &amp; Drop's label answer as ours: the PDF; "not yet" only while Click &amp; Drop says postage is not applied;
/// otherwise its refusal, which the pipeline records on the shipment and does not ask about again.
/// </summary>
public static class ClickAndDropLabels
{
    /// <summary>
    /// The words Click &amp; Drop uses while postage is not applied ("Label generation only available for orders with postage
    /// applied status", code OrderValidationError as recorded from the live API: UNCONFIRMED). The code is a generic
    /// validation code, so the message is what tells this case from a real refusal.
    /// </summary>
    public const string PostageNotAppliedPhrase = "postage applied";

    public static CarrierLabel Read(ClickAndDropLabelAnswer answer, string carrierShipmentId)
    {
        if (answer.Pdf is { } pdf)
            return CarrierLabel.Of(pdf);
        return answer.StatusCode switch
        {
            403 => CarrierLabel.Refused(
                "Click & Drop gives labels through its API to Online Business Accounts only and refused this account (403): "
                + "print the label in Click & Drop, or untick onlineBusinessAccount on the carrier account."),
            404 => CarrierLabel.Refused($"Click & Drop has no order {carrierShipmentId} any more (deleted there?), so there is no label to fetch: {Describe(answer.Errors)}"),
            _ when answer.Errors.Count > 0 && answer.Errors.All(SaysPostageNotApplied) => CarrierLabel.NotYet,
            _ => CarrierLabel.Refused($"Click & Drop refused the label: {Describe(answer.Errors)}"),
        };
    }

    /// <summary>True when the error is Click &amp; Drop saying postage has not been applied to the order yet.</summary>
    public static bool SaysPostageNotApplied(OrderErrorResponse error) =>
        error.Message?.Contains(PostageNotAppliedPhrase, StringComparison.OrdinalIgnoreCase) == true;

    private static string Describe(IReadOnlyList<OrderErrorResponse> errors) => errors.Count == 0
        ? "no reason given."
        : string.Join("; ", errors.Select(e => string.IsNullOrWhiteSpace(e.Code)
            ? e.Message?.Trim() ?? "no reason given"
            : string.Create(CultureInfo.InvariantCulture, $"{e.Code.Trim()}: {e.Message?.Trim() ?? "no reason given"}")));
}
