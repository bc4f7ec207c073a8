using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Sandbox.ClickAndDrop.Wire;

namespace Sandbox.ClickAndDrop;

// POST /orders: a request that cannot be read is refused as a whole (400 ErrorResponse, nothing created); otherwise
// every item is validated on its own and the answer is 200 with created and failed orders side by side.
public sealed partial class ClickAndDropSimulator
{
    private async Task<IResult> CreateOrdersAsync(HttpContext http)
    {
        var account = Caller(http);
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException ex)
        {
            return ClickAndDropApiResults.Error(400, "InvalidJson", "The request body is not valid JSON.", ex.Message);
        }
        if (body is not JsonObject root || root["items"] is not JsonArray items || items.Count == 0)
            return ClickAndDropApiResults.Error(400, "InvalidRequest", "The request must be an object with a non-empty 'items' array.");
        if (items.Any(i => i is not JsonObject))
            return ClickAndDropApiResults.Error(400, "InvalidRequest", "Every element of 'items' must be an order object.");

        var created = new List<CreatedOrder>();
        var failed = new List<FailedOrder>();
        CreateThenFailMode then;
        TimeSpan stallFor;
        lock (_lock)
        {
            if (RefusalLocked(account, items.Cast<JsonObject>()) is { } refusal)
                return refusal;
            var now = Time.GetUtcNow();
            var rules = new ClickAndDropValidationContext(account.IsBusinessSender, _northernIrelandRule);
            foreach (var item in items.Cast<JsonObject>())
            {
                var errors = ClickAndDropOrderValidator.Validate(item, rules);
                if (errors.Count > 0)
                {
                    failed.Add(new FailedOrder((JsonObject)item.DeepClone(), errors.Select(e => new CreateOrderError(
                        e.ErrorCode, e.ErrorMessage, e.Fields.Select(f => new OrderField(f.FieldName, f.Value)).ToList())).ToList()));
                    continue;
                }
                var order = CreateOrderLocked(account, item, now);
                created.Add(LabelAsked(item) is { } asked
                    ? CreatedWithLabelLocked(account, order, asked, now)
                    : new CreatedOrder(order.OrderIdentifier, order.OrderReference, order.CreatedOn, order.OrderDate, []));
            }
            then = account.Faults.CreateThenFail;
            stallFor = account.Faults.StallFor;
            account.Faults.CreateThenFail = CreateThenFailMode.None;
        }

        switch (then)
        {
            case CreateThenFailMode.ServerError:
                return ClickAndDropApiResults.ServerError("Injected failure after the orders were created.");
            case CreateThenFailMode.Stall:
                // Cancelled when the client gives up: the gate turns that into no answer at all.
                await Task.Delay(stallFor, Time, http.RequestAborted);
                break;
        }
        return ClickAndDropApiResults.Ok(new CreateOrdersResult(created.Count, failed.Count, created, failed));
    }

    /// <summary>What the item's <c>label</c> asks for, when it asks for the label in the response (the validator checked the types).</summary>
    private static (bool IncludeCn, bool IncludeReturnsLabel)? LabelAsked(JsonObject item) =>
        item["label"] is JsonObject label && label["includeLabelInResponse"]?.GetValue<bool>() == true
            ? (label["includeCN"]?.GetValue<bool>() == true, label["includeReturnsLabel"]?.GetValue<bool>() == true)
            : null;

    /// <summary>
    /// A created order that asked for its label: an OBA account gets postage applied now and the PDF in <c>label</c>;
    /// an armed <see cref="LabelErrorsFor"/> reference, or an account that is not OBA, gets <c>labelErrors</c> and no
    /// postage (what the live API does for a non-OBA account is UNCONFIRMED: see README).
    /// </summary>
    private CreatedOrder CreatedWithLabelLocked(ClickAndDropAccountState account, SimulatedClickAndDropOrder order, (bool IncludeCn, bool IncludeReturnsLabel) asked, DateTimeOffset now)
    {
        LabelError? error = !account.IsOba ? new LabelError(NotObaLabelMessage, NotObaLabelCode)
            : order.OrderReference is { } reference && account.Faults.LabelErrorReferences.TryGetValue(reference, out var armed) ? new LabelError(armed.Message, armed.Code)
            : null;
        if (error is not null)
            return new CreatedOrder(order.OrderIdentifier, order.OrderReference, order.CreatedOn, order.OrderDate, [], LabelErrors: [error]);

        ApplyPostageLocked(order.OrderIdentifier, now);
        var paid = _orders[order.OrderIdentifier];
        var pages = LabelPages(paid, "postageLabel").ToList();
        if (asked.IncludeCn) pages.Add(LabelPages(paid, "CN22")[0]);
        if (asked.IncludeReturnsLabel) pages.Add(LabelPages(paid, "returnsLabel")[0]);
        account.LabelsInCreateResponses++;
        return new CreatedOrder(paid.OrderIdentifier, paid.OrderReference, paid.CreatedOn, paid.OrderDate, [new PackageInfo(1, paid.TrackingNumber)],
            paid.PrintedOn, paid.TrackingNumber, Convert.ToBase64String(LabelPdf.Create(pages)), []);
    }

    /// <summary>The whole-request refusal an armed reference triggers, naming the item (nothing is created).</summary>
    private static IResult? RefusalLocked(ClickAndDropAccountState account, IEnumerable<JsonObject> items)
    {
        var index = 0;
        foreach (var item in items)
        {
            if (item["orderReference"] is JsonValue value && value.TryGetValue<string>(out var reference)
                && account.Faults.RefusedReferences.TryGetValue(reference, out var message))
                return ClickAndDropApiResults.Error(400, "InvalidRequest", message, $"items[{index}]");
            index++;
        }
        return null;
    }
}
