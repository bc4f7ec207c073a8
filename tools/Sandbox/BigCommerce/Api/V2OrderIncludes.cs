using Microsoft.AspNetCore.Http;

namespace Sandbox.BigCommerce.Api;

/// <summary>
/// The <c>include</c> and <c>consignment_structure</c> query parameters of GET /v2/orders and /v2/orders/{id}
/// (orders.v2 spec: include is a comma-separated list of consignments, consignments.line_items and fees;
/// consignment_structure is only "object"). Checked strictly: what the real API does with another value, or with
/// consignments asked for without the object structure, is UNCONFIRMED, so the simulator refuses it with 400.
/// </summary>
internal sealed record V2OrderIncludes(bool Consignments, bool ConsignmentLines)
{
    public static readonly V2OrderIncludes None = new(false, false);
    private static readonly string[] Known = ["consignments", "consignments.line_items", "fees"];

    public static (V2OrderIncludes? Includes, V2Result? Error) Read(IQueryCollection query)
    {
        var values = query["include"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (values.FirstOrDefault(v => !Known.Contains(v, StringComparer.Ordinal)) is { } unknown)
            return (null, V2Result.Error(400, $"The include value '{unknown}' is not valid; use consignments, consignments.line_items or fees."));
        var structure = query["consignment_structure"].ToString();
        if (structure.Length > 0 && structure != "object")
            return (null, V2Result.Error(400, $"The consignment_structure value '{structure}' is not valid; use object."));
        var lines = values.Contains("consignments.line_items");
        var consignments = lines || values.Contains("consignments");
        if (consignments && structure != "object")
            return (null, V2Result.Error(400, "Consignments can only be included with consignment_structure=object."));
        return (new V2OrderIncludes(consignments, lines), null);
    }
}
