using Azure;

namespace Fulfilment.Storage.Tables;

/// <summary>The status codes our ETag and insert logic branches on.</summary>
internal static class TableErrors
{
    public static bool IsConflict(this RequestFailedException ex) => ex.Status == 409;
    public static bool IsPreconditionFailed(this RequestFailedException ex) => ex.Status == 412;
    public static bool IsNotFound(this RequestFailedException ex) => ex.Status == 404;
}
