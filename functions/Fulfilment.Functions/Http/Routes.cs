namespace Fulfilment.Functions.Http;

/// <summary>Route prefixes of the HTTP functions (after the host's own "api/").</summary>
public static class Routes
{
    /// <summary>
    /// The operator API. Not "admin": the Functions host refuses any function route starting with "admin" (or
    /// "runtime"): "The specified route conflicts with one or more built in routes", whatever the routePrefix.
    /// </summary>
    public const string Manage = "manage";
}
