using System.Globalization;
using Microsoft.AspNetCore.Http;
using Sandbox.ClickAndDrop.Wire;

namespace Sandbox.ClickAndDrop;

// GET /orders/{orderIdentifiers}/label: OBA accounts only; one PDF for every matching order once postage is applied.
public sealed partial class ClickAndDropSimulator
{
    private static readonly HashSet<string> DocumentTypes = new(StringComparer.Ordinal) { "postageLabel", "despatchNote", "CN22", "CN23" };

    private IResult GetLabel(HttpContext http, ClickAndDropOrderIdentifiers identifiers)
    {
        var account = Caller(http);
        if (!account.IsOba)
            return ClickAndDropApiResults.Forbidden(); // labels through the API are for OBA accounts only
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

        var pages = found.Select(o => (IReadOnlyList<string>)
        [
            "Royal Mail - Click & Drop (sandbox)",
            documentType,
            "Tracking: " + o.TrackingNumber,
            "Order: " + o.OrderIdentifier.ToString(CultureInfo.InvariantCulture),
            "Ref: " + o.OrderReference,
        ]).ToList();
        return Results.File(LabelPdf.Create(pages), "application/pdf");
    }
}
