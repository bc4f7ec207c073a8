using Fulfilment.Carriers.ClickAndDrop.Dtos;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>What Click &amp; Drop itself answered to a label request: the PDF, its 403, or its errors with the status they came with.</summary>
public sealed record ClickAndDropLabelAnswer(byte[]? Pdf, int StatusCode, IReadOnlyList<OrderErrorResponse> Errors)
{
    /// <summary>403: labels through the API are for Online Business Accounts only.</summary>
    public static readonly ClickAndDropLabelAnswer Forbidden = new(null, 403, []);

    public static ClickAndDropLabelAnswer Of(byte[] pdf) => new(pdf, 200, []);

    /// <summary>Every PDF starts with this header; a success without it (a proxy's page) is not a label.</summary>
    public static bool LooksLikePdf(ReadOnlySpan<byte> bytes) => bytes.StartsWith("%PDF-"u8);

    /// <summary>Click &amp; Drop's error array with a 400 (it will not give the label now) or a 404 (no such order).</summary>
    public static ClickAndDropLabelAnswer Refusal(int statusCode, IReadOnlyList<OrderErrorResponse> errors) => new(null, statusCode, errors);
}
