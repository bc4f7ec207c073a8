using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Sandbox.Ecomdash;

/// <summary>Small helpers the endpoint classes share.</summary>
internal static class EndpointExtensions
{
    /// <summary>Names the endpoint's operation for the gateway (concurrency, envelope faults, log).</summary>
    public static RouteHandlerBuilder Is(this RouteHandlerBuilder builder, string operation) =>
        builder.WithMetadata(new EcomdashOperation(operation));

    public static IResult Envelope(EcomdashEnvelope envelope) => new EnvelopeResult(envelope);

    /// <summary>A query-string integer as Web API binds it: absent is null, anything but an integer is a 400.</summary>
    public static int? QueryInt(this HttpRequest request, string name)
    {
        var text = (string?)request.Query[name];
        if (string.IsNullOrEmpty(text)) return null;
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidRequestException(name, $"The value '{text}' is not valid for {name}.");
    }

    public static (EcomdashPaging Paging, string? Problem) QueryPaging(this HttpRequest request) =>
        EcomdashPaging.From(request.QueryInt("pageNumber"), request.QueryInt("resultsPerPage"));
}
