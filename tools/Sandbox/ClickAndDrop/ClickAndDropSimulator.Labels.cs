using System.Globalization;
using Microsoft.AspNetCore.Http;
using Sandbox.ClickAndDrop.Wire;

namespace Sandbox.ClickAndDrop;

// GET /orders/{orderIdentifiers}/label: OBA accounts only; one PDF for every matching order once postage is applied.
public sealed partial class ClickAndDropSimulator
{
    /// <summary>The labelErrors entry a <see cref="LabelErrorsFor"/> fault gives by default.</summary>
    public const string LabelErrorCode = "LabelGenerationFailed", LabelErrorMessage = "The label could not be generated for this order.";

    /// <summary>
    /// The labelErrors entry for an account that is not OBA asking for its label in the create response. Whether the live
    /// API answers this way, ignores the request or refuses the order is UNCONFIRMED; our client never asks for them.
    /// </summary>
    public const string NotObaLabelCode = "LabelNotAvailable", NotObaLabelMessage = "Labels are only available through the API to Online Business Accounts.";

    private static readonly HashSet<string> DocumentTypes = new(StringComparer.Ordinal) { "postageLabel", "despatchNote", "CN22", "CN23" };

    private IResult GetLabel(HttpContext http, ClickAndDropOrderIdentifiers identifiers)
    {
        var account = Caller(http);
        if (!account.IsOba)
            return ClickAndDropApiResults.Forbidden(); // labels through the API are for OBA accounts only
        lock (_lock)
        {
            if (account.Faults.FailLabelsNext > 0)
            {
                account.Faults.FailLabelsNext--;
                return ClickAndDropApiResults.ServerError("Injected failure of a label download.");
            }
        }
        var documentType = http.Request.Query["documentType"].ToString();
        if (!DocumentTypes.Contains(documentType))
            return ClickAndDropApiResults.BadOrderRequest("InvalidDocumentType", "documentType must be postageLabel, despatchNote, CN22 or CN23.");
        if (documentType == "postageLabel" && !bool.TryParse(http.Request.Query["includeReturnsLabel"], out _))
            return ClickAndDropApiResults.BadOrderRequest("InvalidIncludeReturnsLabel", "includeReturnsLabel (true or false) is required for postageLabel.");
        if (identifiers.Error is { } error)
            return ClickAndDropApiResults.BadOrderRequest(identifiers.ErrorCode!, error);

        List<SimulatedClickAndDropOrder> found;
        lock (_lock)
        {
            found = FindLocked(account, identifiers.Items);
            var refusals = found.Where(o => account.Faults.RefusedLabels.ContainsKey(o.OrderIdentifier)).Select(o =>
            {
                var (code, message) = account.Faults.RefusedLabels[o.OrderIdentifier];
                return new OrderErrorResponse(o.OrderIdentifier, o.OrderReference, code, message);
            }).ToArray();
            if (refusals.Length > 0)
                return ClickAndDropApiResults.OrderErrors(StatusCodes.Status400BadRequest, refusals);
        }
        if (found.Count == 0)
            return ClickAndDropApiResults.NoneFound(identifiers.Items);
        var unpaid = found.Where(o => o.PrintedOn is null || o.TrackingNumber is null).ToList();
        if (unpaid.Count > 0)
            return ClickAndDropApiResults.OrderErrors(StatusCodes.Status400BadRequest, unpaid.Select(o => new OrderErrorResponse(
                o.OrderIdentifier, o.OrderReference, ClickAndDropApiResults.PostageNotAppliedCode, ClickAndDropApiResults.PostageNotAppliedMessage)).ToArray());

        // One PDF for every order asked for, one page each here; the real layout follows the account's label format setting.
        return Results.File(LabelPdf.Create(found.SelectMany(o => LabelPages(o, documentType)).ToList()), "application/pdf");
    }

    /// <summary>What the simulator prints for one order's document: a page showing its tracking number and ids.</summary>
    private static List<IReadOnlyList<string>> LabelPages(SimulatedClickAndDropOrder order, string documentType) =>
    [
        [
            "Royal Mail - Click & Drop (sandbox)",
            documentType,
            "Tracking: " + order.TrackingNumber,
            "Order: " + order.OrderIdentifier.ToString(CultureInfo.InvariantCulture),
            "Ref: " + order.OrderReference,
        ],
    ];
}
