using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Sandbox.Ekart;

// POST /v2/shipments/track {"tracking_ids":[…]}: the caller's shipments only; ids it does not own are simply absent.
public sealed partial class EkartSimulator
{
    private async Task<IResult> TrackAsync(HttpContext http)
    {
        var merchant = Caller(http);
        var (body, problem) = await ReadObjectAsync(http);
        if (problem is not null) return problem;
        try
        {
            var ids = EkartJson.Array(body!, "tracking_ids");
            if (ids is null || ids.Count == 0) throw new EkartMalformedRequestException("tracking_ids can not be empty");
            var wanted = ids.Select(id => EkartJson.Text(id, "tracking_ids")?.Trim()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            lock (_lock)
            {
                CatchUpCourierLocked(Time.GetUtcNow());
                var found = wanted.Select(id => _shipments.GetValueOrDefault(id)).OfType<EkartShipmentState>().Where(s => s.MerchantCode == merchant.Code);
                return Results.Json(EkartTrackResponse.Build(found, _trackShape));
            }
        }
        catch (EkartMalformedRequestException e)
        {
            return EkartApiResults.Malformed(e.Message);
        }
    }
}
