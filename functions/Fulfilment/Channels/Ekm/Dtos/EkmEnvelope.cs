namespace Fulfilment.Channels.Ekm.Dtos;

/// <summary>EKM's response envelope: <c>{meta, links, validation_result, errors, data}</c>.</summary>
internal sealed record EkmEnvelope<T>
{
    public EkmMeta? Meta { get; init; }
    public List<EkmLink>? Links { get; init; }
    public List<EkmValidationError>? ValidationResult { get; init; }
    public T? Data { get; init; }
}

/// <summary>Paging counts of a list answer.</summary>
internal sealed record EkmMeta
{
    public int PagesTotal { get; init; }
    public int ItemsTotal { get; init; }
    public int ItemsPerPage { get; init; }
}

/// <summary>A "current" or "next" link.</summary>
internal sealed record EkmLink(string? Rel, string? Href);

/// <summary>One validation message; member_names is null for the request as a whole.</summary>
internal sealed record EkmValidationError(List<string>? MemberNames, string? ErrorMessage);
