using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Sandbox.Ecomdash.EndpointExtensions;

namespace Sandbox.Ecomdash;

/// <summary>The company's reference lists: carriers (ids for submitTrackingInfo) and warehouses (ids for quantity updates), paged.</summary>
internal sealed class CompanyEndpoints(EcomdashSimulator sim)
{
    public void Map(RouteGroupBuilder api)
    {
        api.MapGet("/carriers", (HttpRequest request) => Carriers(request)).Is(EcomdashOperations.GetCarriers);
        api.MapGet("/Warehouses", (HttpRequest request) => Warehouses(request)).Is(EcomdashOperations.GetWarehouses);
    }

    private IResult Carriers(HttpRequest request) => Paged(request, account => account.Carriers.Select(c => new CarrierDto(c.Id, c.Name)).ToList());

    private IResult Warehouses(HttpRequest request) =>
        Paged(request, account => account.Warehouses.Select(w => new WarehouseDto(w.Id, w.Name, w.IsDefault)).ToList());

    private IResult Paged<T>(HttpRequest request, Func<EcomdashAccount, IReadOnlyList<T>> list)
    {
        var (paging, problem) = request.QueryPaging();
        if (problem is not null)
            return Envelope(EcomdashEnvelope.Failure(problem));
        var account = request.EcomdashAccount();
        lock (sim.Lock)
        {
            var (page, pages) = paging.Apply(list(account));
            return Envelope(EcomdashEnvelope.Success(page, pages));
        }
    }
}
