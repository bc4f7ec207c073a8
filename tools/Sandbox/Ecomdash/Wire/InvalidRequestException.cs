namespace Sandbox.Ecomdash;

/// <summary>
/// Thrown while reading a request that Web API's model binding would refuse; the gateway answers 400 (or 415 for
/// <see cref="UnsupportedMediaType"/>) so handlers can read bodies top to bottom without checking at every step.
/// </summary>
internal sealed class InvalidRequestException(string key, string problem, string? unsupportedMediaType = null) : Exception(problem)
{
    public string Key { get; } = key;
    public string Problem { get; } = problem;

    /// <summary>Set when the body was not JSON at all: Web API answers 415 naming the media type.</summary>
    public string? UnsupportedMediaType { get; } = unsupportedMediaType;
}
