namespace Fulfilment.Carriers.Ekart;

/// <summary>The Ekart calls we make; whether one may be repeated after a server failure depends on it.</summary>
public enum EkartOperation
{
    Token,
    Create,
    Track,
    Cancel,
}

/// <summary>What each operation allows.</summary>
public static class EkartOperations
{
    /// <summary>Asking for a token and tracking change nothing at Ekart, so a timeout or 5xx may be retried; create and cancel may have acted.</summary>
    public static bool IsSafeToRepeat(EkartOperation operation) => operation is EkartOperation.Token or EkartOperation.Track;

    public static string Describe(EkartOperation operation) => operation switch
    {
        EkartOperation.Token => "token",
        EkartOperation.Create => "create shipments",
        EkartOperation.Track => "track shipments",
        _ => "cancel shipments",
    };
}
