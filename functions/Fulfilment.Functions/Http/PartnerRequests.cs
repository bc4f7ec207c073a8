using Fulfilment.Partners;

namespace Fulfilment.Functions.Http;

/// <summary>Turns the function's HTTP request into a partner-neutral one, and a partner's answer back into a result.</summary>
public static class PartnerRequests
{
    /// <summary>No partner callback or webhook we know of comes near this; anything larger is refused unread.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The request, or null when its body is over <see cref="MaxBodyBytes"/>.</summary>
    public static async Task<PartnerHttpRequest?> ReadAsync(HttpRequest request, string action)
    {
        if (request.ContentLength > MaxBodyBytes)
            return null;
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
                return null;
            body.Write(buffer, 0, read);
        }
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new PartnerHttpRequest(action, request.Method, query, headers, body.ToArray());
    }

    public static IResult ToResult(PartnerHttpResponse response) => new PartnerResult(response);

    public static IResult TooLarge() =>
        ApiResults.Error(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBodyBytes / 1024} KiB.");

    private sealed class PartnerResult(PartnerHttpResponse response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = response.StatusCode;
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
                httpContext.Response.Headers[name] = value;
            if (response.Body.Length == 0 && response.StatusCode is 204 or 302 or 304)
                return;
            httpContext.Response.ContentType = response.ContentType;
            await httpContext.Response.WriteAsync(response.Body, httpContext.RequestAborted);
        }
    }
}
